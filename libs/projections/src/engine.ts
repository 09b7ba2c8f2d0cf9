/**
 * Applies batches of events to a set of projections in one Postgres transaction, together with
 * whatever the source must commit with them. Redelivered events change nothing: events arrive in
 * lanes (the store feed, or one Kafka partition, which the relay fills in feed order), and each
 * projection keeps per lane the feed position of the last event it applied. An event at or below
 * it is dropped: a feed position (transaction id, global position) names exactly one event. An
 * event that fails for a reason of its own (poison) is set aside as a dead letter and the batch
 * goes on; a failure of the database itself aborts the batch so that it is retried whole.
 *
 * A rebuild holds each projection's advisory lock exclusively (withRebuildLock); every batch
 * takes it shared, so live projectors wait while a projection is rebuilt and then drop what the
 * rebuild applied.
 */
import { DataSource, QueryRunner } from 'typeorm';
import type { Projection, ProjectionEvent, Sql } from './projection';

export interface DeadLetter {
  projection: string;
  event: ProjectionEvent | null;
  error: string;
  /** The raw message, when the event could not even be read. */
  payload?: string;
}

export interface BatchOutcome {
  applied: number;
  duplicates: number;
  deadLetters: DeadLetter[];
}

/** The store feed's lane; Kafka lanes are '<topic>:<partition>'. */
export const FEED_LANE = 'feed';

export interface Batch {
  /**
   * Where the events come from. Within a lane events arrive in store feed order, except that a
   * lane may repeat what it delivered before (a consumer redelivery, a relay re-publish).
   */
  lane: string;
  events: ProjectionEvent[];
  /** Messages that could not be turned into events: dead letters of the batch. */
  unreadable?: DeadLetter[];
  /** Run inside the batch's transaction before it commits. */
  alsoCommit?: (sql: Sql) => Promise<unknown>;
}

export interface EngineOptions {
  /** 'feed', 'kafka', 'rebuild': recorded with dead letters. */
  source: string;
  /**
   * Called inside the transaction before it commits, with the batch's dead letters (the Kafka
   * source publishes them to the dead-letter topic here: if that fails, nothing commits).
   */
  onDeadLetters?: (letters: DeadLetter[], batch: Batch) => Promise<void>;
  /**
   * Keep connections between batches (saves a pool round trip per batch): one per batch applied
   * at the same time. Only with a pool larger than that: the feed reader and status reports
   * need a connection of their own. close() gives them back.
   */
  keepConnection?: boolean;
  /** The caller holds the rebuild lock of these projections (withRebuildLock): take no other. */
  holdsRebuildLock?: boolean;
}

/** SQLSTATE classes that say "the database could not do it now", not "this event is bad". */
const TRANSIENT = /^(08|40|53|57|58|55P03|XX)/;

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}

/** A position in the store feed; compares as the feed orders events. */
export interface FeedPosition {
  transactionId: string;
  globalPosition: number;
}

export function compareFeedPositions(a: FeedPosition, b: FeedPosition): number {
  if (a.transactionId !== b.transactionId) {
    // Decimal xid8 text without leading zeros: the longer is larger, else compare as text.
    const x = a.transactionId;
    const y = b.transactionId;
    if (x.length !== y.length) return x.length - y.length;
    return x < y ? -1 : 1;
  }
  return a.globalPosition - b.globalPosition;
}

/** The advisory lock key of a projection (shared by batches, exclusive for a rebuild). */
const LOCK_KEY = `hashtext('statement-tracker.projection:' || n)`;

export class ProjectionEngine {
  /** Connections kept between batches (one per batch that ran at the same time). */
  private idle: QueryRunner[] = [];

  constructor(
    private readonly dataSource: DataSource,
    readonly projections: readonly Projection[],
    private readonly options: EngineOptions,
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('projection names must be unique');
  }

  /** Gives back the connections kept between batches. */
  async close(): Promise<void> {
    const runners = this.idle;
    this.idle = [];
    await Promise.all(runners.map((runner) => runner.release()));
  }

  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /** Apply a batch of one lane, with its own commit work, in one transaction. */
  async process(batch: Batch): Promise<BatchOutcome> {
    // Optimistic first: the whole batch without savepoints (fewest round trips). Should a
    // projection refuse an event, the batch is rolled back and redone carefully, isolating it.
    const fast = await this.run(batch, false);
    return fast ?? (await this.run(batch, true))!;
  }

  /** One attempt; null when `careful` is off and a projection failed (nothing was committed). */
  private async run(batch: Batch, careful: boolean): Promise<BatchOutcome | null> {
    // Connections kept between batches (no pool round trip per batch); a caller finding none
    // idle (batches side by side) takes a new one.
    const runner = this.idle.pop() ?? this.dataSource.createQueryRunner();
    const keep = this.options.keepConnection === true;
    await runner.connect();
    let healthy = false;
    const sql: Sql = { query: (text, values) => runner.query(text, values) };
    const outcome: BatchOutcome = {
      applied: 0,
      duplicates: 0,
      deadLetters: [...(batch.unreadable ?? [])],
    };
    try {
      await runner.startTransaction();
      const floors = await this.claim(sql, batch);
      const duplicates = new Set<ProjectionEvent>();
      for (const projection of this.projections) {
        // Within the lane, an event at or below the highest position seen so far was applied
        // before (by an earlier batch, or earlier in this one after a re-publish).
        let highest = floors.get(projection.name) ?? null;
        const fresh: ProjectionEvent[] = [];
        for (const event of batch.events) {
          if (highest !== null && compareFeedPositions(event, highest) <= 0) {
            duplicates.add(event);
            continue;
          }
          highest = event;
          if (projection.handles.has(event.type)) fresh.push(event);
        }
        if (fresh.length === 0) continue;
        if (careful) {
          const letters = await this.applyIsolated(runner, sql, projection, fresh);
          outcome.applied += fresh.length - letters.length;
          outcome.deadLetters.push(...letters);
        } else {
          try {
            await projection.apply(sql, fresh);
            outcome.applied += fresh.length;
          } catch (error) {
            if (isTransient(error)) throw error;
            await runner.rollbackTransaction();
            healthy = true;
            return null;
          }
        }
      }
      outcome.duplicates = duplicates.size;
      if (outcome.deadLetters.length > 0) {
        await this.options.onDeadLetters?.(outcome.deadLetters, batch);
        await this.recordDeadLetters(sql, outcome.deadLetters);
      }
      await batch.alsoCommit?.(sql);
      await runner.commitTransaction();
      healthy = true;
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      if (keep && healthy) this.idle.push(runner);
      else await runner.release();
    }
  }

  /** The batch in one savepoint; if it fails, event by event to find and set aside the poison. */
  private async applyIsolated(
    runner: QueryRunner,
    sql: Sql,
    projection: Projection,
    events: ProjectionEvent[],
  ): Promise<DeadLetter[]> {
    if ((await this.attempt(runner, sql, projection, events)) === true) return [];
    const letters: DeadLetter[] = [];
    for (const event of events) {
      const failure = await this.attempt(runner, sql, projection, [event]);
      if (failure !== true)
        letters.push({ projection: projection.name, event, error: failure.message });
    }
    return letters;
  }

  /** true when applied; the error when the events are bad; throws when the database is. */
  private async attempt(
    runner: QueryRunner,
    sql: Sql,
    projection: Projection,
    events: ProjectionEvent[],
  ): Promise<true | Error> {
    await runner.query('SAVEPOINT projection_apply');
    try {
      await projection.apply(sql, events);
      await runner.query('RELEASE SAVEPOINT projection_apply');
      return true;
    } catch (error) {
      if (isTransient(error)) throw error;
      // If the connection itself is gone this throws too, and the batch is retried whole.
      await runner.query('ROLLBACK TO SAVEPOINT projection_apply');
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /**
   * Claims the batch's lane: in one statement, takes the projections' shared locks, moves each
   * projection's lane position to the highest of the batch and returns, per projection, the
   * position below which events were applied before: the lane's earlier position, or for a
   * Kafka lane the feed position if that is higher (what a rebuild or a feed projector applied).
   * The upsert locks the lane rows until commit, so two consumers that briefly share a partition
   * (a rebalance) take turns, and the second drops what the first applied.
   */
  private async claim(sql: Sql, batch: Batch): Promise<Map<string, FeedPosition>> {
    const floors = new Map<string, FeedPosition>();
    if (batch.events.length === 0) return floors;
    let top: FeedPosition = batch.events[0];
    for (const event of batch.events) if (compareFeedPositions(event, top) > 0) top = event;
    const rows = await sql.query<{
      projection: string;
      transaction_id: string | null;
      global_position: string | null;
    }>(
      `WITH locked AS (
         SELECT count(${this.options.holdsRebuildLock ? 'n' : `pg_advisory_xact_lock_shared(${LOCK_KEY})`})
           FROM unnest($1::text[]) n),
       claimed AS (
         INSERT INTO projection_checkpoints AS c (projection, lane, transaction_id, global_position, processed)
         SELECT n, $2, $3::xid8, $4, $5 FROM unnest($1::text[]) n, locked
         ON CONFLICT (projection, lane) DO UPDATE SET
           previous_transaction_id = c.transaction_id,
           previous_global_position = c.global_position,
           transaction_id = CASE WHEN (EXCLUDED.transaction_id, EXCLUDED.global_position) > (c.transaction_id, c.global_position)
                                 THEN EXCLUDED.transaction_id ELSE c.transaction_id END,
           global_position = CASE WHEN (EXCLUDED.transaction_id, EXCLUDED.global_position) > (c.transaction_id, c.global_position)
                                  THEN EXCLUDED.global_position ELSE c.global_position END,
           processed = c.processed + EXCLUDED.processed,
           updated_at = now()
         RETURNING projection, previous_transaction_id, previous_global_position)
       SELECT projection, previous_transaction_id::text AS transaction_id, previous_global_position AS global_position
         FROM claimed
       UNION ALL
       SELECT projection, transaction_id::text, global_position FROM projection_checkpoints
        WHERE $2 <> '${FEED_LANE}' AND lane = '${FEED_LANE}' AND projection = ANY($1::text[])`,
      [this.names, batch.lane, top.transactionId, top.globalPosition, batch.events.length],
    );
    for (const row of rows) {
      if (row.transaction_id === null) continue;
      const position = {
        transactionId: row.transaction_id,
        globalPosition: Number(row.global_position),
      };
      const floor = floors.get(row.projection);
      if (!floor || compareFeedPositions(position, floor) > 0) floors.set(row.projection, position);
    }
    return floors;
  }

  private async recordDeadLetters(sql: Sql, letters: DeadLetter[]): Promise<void> {
    await sql.query(
      `INSERT INTO projection_dead_letters
         (projection, source, event_id, stream_id, stream_position, event_type, error, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])`,
      [
        letters.map((l) => l.projection),
        letters.map(() => this.options.source),
        letters.map((l) => l.event?.eventId ?? null),
        letters.map((l) => l.event?.streamId ?? null),
        letters.map((l) => l.event?.streamPosition ?? null),
        letters.map((l) => l.event?.type ?? null),
        letters.map((l) => l.error.slice(0, 2000)),
        letters.map((l) => l.payload ?? (l.event ? JSON.stringify(l.event.data) : null)),
      ],
    );
  }
}
