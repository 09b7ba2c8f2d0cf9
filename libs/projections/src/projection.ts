/**
 * A projection: one read model, defined once, run by two sources with the same code — the
 * store feed (embedded default, rebuilds, audits) and Kafka (apps/projector, a consumer group).
 *
 * A projection sees batches of events. Across streams a batch may come in any order (Kafka
 * partitions interleave freely); within a stream the order is the stream's. Every read model
 * is therefore built so that the result depends only on each stream's own history, never on
 * how streams interleave: rows are keyed by stream facts, aggregates are sums, and anything
 * that compares streams (positions, alerts) is derived at query time.
 */
import type { StatementTrackerEvent } from '@app/domain';

/** The name of an event the domain emits. */
export type EventType = StatementTrackerEvent['type'];

/** The domain's data of one event type. */
export type EventData<T extends EventType> = Extract<StatementTrackerEvent, { type: T }>['data'];

/** Where an event sits in its stream and in the store feed, and when it was recorded. */
export interface EventPlace {
  eventId: string;
  streamId: string;
  /** 1-based version of the stream after this event. */
  streamPosition: number;
  /** The event's place in the store feed (xid8 of its transaction, as a decimal string)… */
  transactionId: string;
  /** …and its global position: together they name exactly one event. */
  globalPosition: number;
  schemaVersion: number;
  /** Transaction time: the "known at" of everything this event says. */
  recordedAt: Date;
}

/**
 * What a projection needs to know about an event; built from a store row (fromRecorded) or a
 * Kafka message (fromMessage). A union over T, so checking `type` narrows `data` to that
 * event's shape in the domain. Events stored before a field existed may lack it: projections
 * keep their defaults for such fields.
 */
export type ProjectionEvent<T extends EventType = EventType> = ProjectionEvents[T];

/** Each event type's projection event (indexed by a union, gives the union of its members). */
type ProjectionEvents = { [K in EventType]: EventPlace & { type: K; data: EventData<K> } };

/** The SQL a projection runs, inside the batch's transaction. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
}

export interface Projection<T extends EventType = EventType> {
  /** Stable name: checkpoints, dedupe rows and dead letters are keyed by it. */
  readonly name: string;
  /** Event types it reads; others only advance its lane positions. */
  readonly handles: ReadonlySet<T>;
  /** Its read-model tables with their key columns (rebuild truncates them; checksums sort by the key). */
  readonly tables: ReadonlyArray<ReadModelTable>;
  /**
   * Apply the events (already deduplicated, only types in `handles`) to the read model. Must be
   * set-based where it can: the engine calls it once per batch, and again event by event only to
   * isolate a poison event after the batch failed.
   */
  apply(sql: Sql, events: ProjectionEvent<T>[]): Promise<void>;
}

/** One handler per event type; a key the domain does not have is a compile error. */
export interface ReadModelTable {
  table: string;
  key: string;
  /**
   * What checksums compare, when not every row: a table whose history depends on the order
   * Kafka partitions interleave (its current rows do not) checksums only the current rows.
   */
  checksum?: { columns: string; where: string; key: string };
}

export type EventHandlers<T extends EventType> = {
  [K in T]: (sql: Sql, event: ProjectionEvent<K>) => Promise<unknown>;
};

/**
 * A projection that runs its handlers event by event, in order (for low-volume streams). It
 * handles exactly the handlers' event types.
 */
export function sequentialProjection<T extends EventType>(
  name: string,
  tables: Projection<T>['tables'],
  handlers: EventHandlers<T>,
): Projection<T> {
  return {
    name,
    // The keys are the handled types (the handlers' type admits no others).
    handles: new Set(Object.keys(handlers) as T[]),
    tables,
    async apply(sql, events) {
      for (const event of events) {
        // The engine passes only types in `handles`; the check guards direct callers.
        const handler = handlers[event.type];
        if (!handler) throw new Error(`no handler for ${event.type}`);
        await handler(sql, event);
      }
    },
  };
}

/** Parses `statement-tracker.<Type>.v<N>` (the CloudEvents type) into type and schema version. */
export function parseCloudEventType(ceType: string): { type: string; schemaVersion: number } {
  const match = /^statement-tracker\.([A-Za-z]+)\.v(\d+)$/.exec(ceType);
  if (!match) throw new Error(`unknown CloudEvents type "${ceType}"`);
  return { type: match[1], schemaVersion: Number(match[2]) };
}
