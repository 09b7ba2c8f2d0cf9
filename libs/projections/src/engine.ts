/**
 * Applies batches of events to a set of projections in one Postgres transaction, together with
 * whatever the source must commit with them (the feed checkpoint). Redelivered events change
 * nothing: each projection keeps the last applied position of every stream, and an event at or
 * below it is dropped (a stream position names exactly one event id). An event that fails for a
 * reason of its own (poison) is set aside as a dead letter and the batch goes on; a failure of
 * the database itself aborts the batch so that it is retried whole.
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

export interface EngineOptions {
  /** 'feed' or 'kafka': recorded with dead letters. */
  source: string;
  /**
   * Called inside the transaction before it commits, with the batch's dead letters (the Kafka
   * source publishes them to the dead-letter topic here: if that fails, nothing commits).
   */
  onDeadLetters?: (letters: DeadLetter[]) => Promise<void>;
}

/** SQLSTATE classes that say "the database could not do it now", not "this event is bad". */
const TRANSIENT = /^(08|40|53|57|58|55P03|XX)/;

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}

export class ProjectionEngine {
  constructor(
    private readonly dataSource: DataSource,
    readonly projections: readonly Projection[],
    private readonly options: EngineOptions,
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('projection names must be unique');
  }

  get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  /**
   * Apply `events` (in per-stream order; streams may interleave in any order) and run `alsoCommit`
   * in the same transaction. `unreadable` are messages that could not be turned into events.
   */
  async process(
    events: ProjectionEvent[],
    alsoCommit?: (sql: Sql) => Promise<unknown>,
    unreadable: DeadLetter[] = [],
  ): Promise<BatchOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const sql: Sql = { query: (text, values) => runner.query(text, values) };
    const outcome: BatchOutcome = { applied: 0, duplicates: 0, deadLetters: [...unreadable] };
    try {
      await runner.startTransaction();
      const streamIds = [...new Set(events.map((e) => e.streamId))];
      const known = await this.positions(sql, streamIds);
      for (const [index, projection] of this.projections.entries()) {
        const positions = known.get(projection.name) ?? new Map<string, number>();
        const fresh: ProjectionEvent[] = [];
        const moved = new Map<string, number>();
        for (const event of events) {
          if (event.streamPosition <= (positions.get(event.streamId) ?? 0)) {
            if (index === 0) outcome.duplicates += 1;
            continue;
          }
          positions.set(event.streamId, event.streamPosition);
          moved.set(event.streamId, event.streamPosition);
          if (projection.handles.has(event.type)) fresh.push(event);
        }
        if (fresh.length > 0) {
          const letters = await this.applyIsolated(runner, sql, projection, fresh);
          outcome.applied += fresh.length - letters.length;
          outcome.deadLetters.push(...letters);
        }
        if (moved.size > 0) {
          await sql.query(
            `INSERT INTO projection_streams (projection, stream_id, position)
             SELECT $1, s, p FROM unnest($2::text[], $3::int[]) AS t(s, p)
             ON CONFLICT (projection, stream_id) DO UPDATE SET position = EXCLUDED.position`,
            [projection.name, [...moved.keys()], [...moved.values()]],
          );
        }
      }
      if (outcome.deadLetters.length > 0) {
        await this.options.onDeadLetters?.(outcome.deadLetters);
        await this.recordDeadLetters(sql, outcome.deadLetters);
      }
      await alsoCommit?.(sql);
      await runner.commitTransaction();
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
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

  private async positions(
    sql: Sql,
    streamIds: string[],
  ): Promise<Map<string, Map<string, number>>> {
    const result = new Map<string, Map<string, number>>();
    if (streamIds.length === 0) return result;
    // FOR UPDATE: two consumers briefly sharing a partition during a rebalance take turns.
    const rows = await sql.query<{ projection: string; stream_id: string; position: number }>(
      `SELECT projection, stream_id, position FROM projection_streams
        WHERE projection = ANY($1) AND stream_id = ANY($2) FOR UPDATE`,
      [this.names, streamIds],
    );
    for (const row of rows) {
      if (!result.has(row.projection)) result.set(row.projection, new Map());
      result.get(row.projection)!.set(row.stream_id, row.position);
    }
    return result;
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
