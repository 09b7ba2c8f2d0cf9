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
  /**
   * Keep one connection between batches (saves a pool round trip per batch). Only with a pool
   * of two or more: the feed reader needs a connection of its own. close() gives it back.
   */
  keepConnection?: boolean;
}

/** SQLSTATE classes that say "the database could not do it now", not "this event is bad". */
const TRANSIENT = /^(08|40|53|57|58|55P03|XX)/;

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && TRANSIENT.test(code);
}

export class ProjectionEngine {
  private idle?: QueryRunner;

  constructor(
    private readonly dataSource: DataSource,
    readonly projections: readonly Projection[],
    private readonly options: EngineOptions,
  ) {
    const names = new Set(projections.map((p) => p.name));
    if (names.size !== projections.length) throw new Error('projection names must be unique');
  }

  /** Gives back the connection kept between batches. */
  async close(): Promise<void> {
    const runner = this.idle;
    this.idle = undefined;
    await runner?.release();
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
    // Optimistic first: the whole batch without savepoints (fewest round trips). Should a
    // projection refuse an event, the batch is rolled back and redone carefully, isolating it.
    const fast = await this.run(events, alsoCommit, unreadable, false);
    return fast ?? (await this.run(events, alsoCommit, unreadable, true))!;
  }

  /** One attempt; null when `careful` is off and a projection failed (nothing was committed). */
  private async run(
    events: ProjectionEvent[],
    alsoCommit: ((sql: Sql) => Promise<unknown>) | undefined,
    unreadable: DeadLetter[],
    careful: boolean,
  ): Promise<BatchOutcome | null> {
    // One connection kept between batches (no pool round trip per batch); a second caller at
    // the same time gets a connection of its own.
    const runner = this.idle ?? this.dataSource.createQueryRunner();
    const keep = this.options.keepConnection === true;
    this.idle = undefined;
    await runner.connect();
    let healthy = false;
    const sql: Sql = { query: (text, values) => runner.query(text, values) };
    const outcome: BatchOutcome = { applied: 0, duplicates: 0, deadLetters: [...unreadable] };
    try {
      await runner.startTransaction();
      const known = await this.claim(sql, events);
      const duplicates = new Set<ProjectionEvent>();
      for (const projection of this.projections) {
        // Positions are kept for the events a projection handles: those are what it must not
        // apply twice; other events never touch it.
        const positions = known.get(projection.name) ?? new Map<string, number>();
        const fresh: ProjectionEvent[] = [];
        for (const event of events) {
          if (!projection.handles.has(event.type)) continue;
          if (event.streamPosition <= (positions.get(event.streamId) ?? 0)) {
            duplicates.add(event);
            continue;
          }
          positions.set(event.streamId, event.streamPosition);
          fresh.push(event);
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
        await this.options.onDeadLetters?.(outcome.deadLetters);
        await this.recordDeadLetters(sql, outcome.deadLetters);
      }
      await alsoCommit?.(sql);
      await runner.commitTransaction();
      healthy = true;
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      if (keep && healthy && this.idle === undefined) this.idle = runner;
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
   * Claims the batch's streams: in one statement, moves each projection's position to the
   * highest this batch will apply (or dead-letter) and returns the positions as they were before,
   * which tell fresh events from redelivered ones. The upsert locks the rows until commit, so two
   * consumers that briefly share a partition (a rebalance) take turns, even on a new stream.
   */
  private async claim(
    sql: Sql,
    events: ProjectionEvent[],
  ): Promise<Map<string, Map<string, number>>> {
    const proposed = new Map<string, Record<string, number>>();
    for (const projection of this.projections)
      for (const event of events) {
        if (!projection.handles.has(event.type)) continue;
        const positions = proposed.get(event.streamId) ?? {};
        positions[projection.name] = Math.max(
          positions[projection.name] ?? 0,
          event.streamPosition,
        );
        proposed.set(event.streamId, positions);
      }
    const result = new Map<string, Map<string, number>>();
    if (proposed.size === 0) return result;
    const streamIds = [...proposed.keys()].sort();
    const rows = await sql.query<{ stream_id: string; previous: Record<string, number> }>(
      `INSERT INTO projection_positions AS p (stream_id, positions, previous)
       SELECT s, m, '{}' FROM unnest($1::text[], $2::jsonb[]) AS t(s, m)
       ON CONFLICT (stream_id) DO UPDATE SET previous = p.positions,
         positions = p.positions || (
           SELECT jsonb_object_agg(key, GREATEST(value::int, coalesce((p.positions->>key)::int, 0)))
             FROM jsonb_each_text(EXCLUDED.positions))
       RETURNING stream_id, previous`,
      [streamIds, streamIds.map((id) => JSON.stringify(proposed.get(id)))],
    );
    for (const row of rows)
      for (const [name, position] of Object.entries(row.previous)) {
        if (!result.has(name)) result.set(name, new Map());
        result.get(name)!.set(row.stream_id, position);
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
