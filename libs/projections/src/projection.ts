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

/** What a projection needs to know about an event; built from a store row or a Kafka message. */
export interface ProjectionEvent {
  eventId: string;
  streamId: string;
  /** 1-based version of the stream after this event. */
  streamPosition: number;
  /** The event's place in the store feed (xid8 of its transaction, as a decimal string)… */
  transactionId: string;
  /** …and its global position: together they name exactly one event. */
  globalPosition: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  /** Transaction time: the "known at" of everything this event says. */
  recordedAt: Date;
}

/** The SQL a projection runs, inside the batch's transaction. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
}

export interface Projection {
  /** Stable name: checkpoints, dedupe rows and dead letters are keyed by it. */
  readonly name: string;
  /** Event types it reads; others only advance its lane positions. */
  readonly handles: ReadonlySet<string>;
  /** Its read-model tables with their key columns (rebuild truncates them; checksums sort by the key). */
  readonly tables: ReadonlyArray<{ table: string; key: string }>;
  /**
   * Apply the events (already deduplicated, only types in `handles`) to the read model. Must be
   * set-based where it can: the engine calls it once per batch, and again event by event only to
   * isolate a poison event after the batch failed.
   */
  apply(sql: Sql, events: ProjectionEvent[]): Promise<void>;
}

/** Parses `statement-tracker.<Type>.v<N>` (the CloudEvents type) into type and schema version. */
export function parseCloudEventType(ceType: string): { type: string; schemaVersion: number } {
  const match = /^statement-tracker\.([A-Za-z]+)\.v(\d+)$/.exec(ceType);
  if (!match) throw new Error(`unknown CloudEvents type "${ceType}"`);
  return { type: match[1], schemaVersion: Number(match[2]) };
}
