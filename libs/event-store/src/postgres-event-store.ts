import type { Pool, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  InvalidAppendError,
  MissingStreamsError,
} from './errors';
import {
  ENVELOPE_COLUMNS,
  EnvelopeRow,
  EVENT_COLUMNS,
  EventRow,
  rowToEnvelope,
  rowToEvent,
} from './rows';
import {
  AppendResult,
  EventEnvelope,
  ExpectedVersion,
  FeedCheckpoint,
  FeedPage,
  NewEvent,
  ORIGIN,
  RecordedEvent,
  StreamInfo,
  streamCategory,
} from './types';
import { expectedToSql, serializeBatch } from './validation';

/** Pass the command's EntityManager to write inside its transaction; else each call is its own. */
export interface InTransaction {
  manager?: EntityManager;
}

export interface AppendOptions extends InTransaction {
  /**
   * Streams that must exist for the append to happen (checked in the same statement; a
   * MissingStreamsError names those that don't).
   */
  requireStreams?: string[];
}

const APPEND_SQL = `SELECT event_id, stream_position, global_position, replayed
  FROM st_append_events($1, $2, $3, $4::uuid[], $5::text[], $6::int[], $7::jsonb, $8::jsonb)`;
const APPEND_REQUIRING_SQL = `SELECT event_id, stream_position, global_position, replayed
  FROM st_append_events_requiring($9::text[], $1, $2, $3, $4::uuid[], $5::text[], $6::int[], $7::jsonb, $8::jsonb)`;

// Only events of transactions older than every running one are visible: a transaction that
// commits late can never land behind a reader's checkpoint (README, design notes: "Event store").
const FEED_WHERE = `FROM events
  WHERE (events.transaction_id, events.global_position) > ($1::xid8, $2::bigint)
    AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY events.transaction_id, events.global_position
  LIMIT $3`;
const FEED_SQL = `SELECT ${EVENT_COLUMNS} ${FEED_WHERE}`;
const ENVELOPE_FEED_SQL = `SELECT ${ENVELOPE_COLUMNS} ${FEED_WHERE}`;

export interface EventStoreOptions {
  /**
   * Use named prepared statements on the hot paths (default true). Off for the embedded
   * PGlite, whose socket server does not confirm a Parse that is followed by an error.
   */
  preparedStatements?: boolean;
}

export class PostgresEventStore {
  private readonly prepared: boolean;

  constructor(
    private readonly dataSource: DataSource,
    options: EventStoreOptions = {},
  ) {
    this.prepared = options.preparedStatements ?? true;
  }

  /**
   * Append events to a stream atomically with optimistic concurrency. Retrying with the same
   * event ids returns the original positions and writes nothing.
   */
  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: NewEvent[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const batch = serializeBatch(streamId, expected, events);
    let rows: Array<{
      event_id: string;
      stream_position: string;
      global_position: string;
      replayed: boolean;
    }>;
    const params = [
      streamId,
      streamCategory(streamId),
      expectedToSql(expected),
      batch.eventIds,
      batch.types,
      batch.schemaVersions,
      // One JSON array per column: no array-literal escaping on the way out.
      `[${batch.data.join(',')}]`,
      `[${batch.metadata.join(',')}]`,
    ];
    const requiring = (options.requireStreams ?? []).length > 0;
    if (requiring) params.push(options.requireStreams!);
    const [name, sql] = requiring
      ? ['st_append_events_requiring', APPEND_REQUIRING_SQL]
      : ['st_append_events', APPEND_SQL];
    try {
      rows = options.manager
        ? await options.manager.query(sql, params)
        : // Outside a caller's transaction, straight to the pool with a prepared statement:
          // the hot path skips TypeORM's query-runner bookkeeping and re-parsing.
          (await this.pool().query(this.statement(name, sql, params))).rows;
    } catch (error) {
      throw translateAppendError(error, streamId, expected, batch.eventIds);
    }
    const appended = rows.map((row) => ({
      eventId: row.event_id,
      streamPosition: Number(row.stream_position),
      globalPosition: Number(row.global_position),
    }));
    return {
      streamId,
      nextExpectedVersion: appended[appended.length - 1].streamPosition,
      events: appended,
      idempotentReplay: rows[0].replayed,
    };
  }

  /** Events of one stream in order, from a 1-based position. */
  async readStream(
    streamId: string,
    options: InTransaction & { fromPosition?: number; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.executor(options).query(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_id = $1 AND stream_position >= $2
        ORDER BY stream_position LIMIT $3`,
      [streamId, options.fromPosition ?? 1, options.maxCount ?? null],
    );
    return rows.map(rowToEvent);
  }

  /**
   * Every committed event of the given types, in feed order. The types are written into the
   * statement as literals so that a partial index on them (as for affiliations) applies.
   */
  async readByType(types: string[], options: InTransaction = {}): Promise<RecordedEvent[]> {
    const bad = types.find((type) => !/^[A-Za-z][A-Za-z0-9]{0,99}$/.test(type));
    if (bad !== undefined || types.length === 0)
      throw new RangeError(`event types are names of letters and digits, got ${bad ?? 'none'}`);
    const rows: EventRow[] = await this.executor(options).query(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE type IN (${types.map((type) => `'${type}'`).join(', ')})
        ORDER BY events.transaction_id, events.global_position`,
    );
    return rows.map(rowToEvent);
  }

  async streamInfo(streamId: string, options: InTransaction = {}): Promise<StreamInfo | null> {
    const rows: Array<Record<string, unknown>> = await this.executor(options).query(
      `SELECT stream_id, category, version, created_at, updated_at, last_hash FROM streams WHERE stream_id = $1`,
      [streamId],
    );
    if (rows.length === 0) return null;
    const row = rows[0];
    return {
      streamId: row.stream_id as string,
      category: row.category as string,
      version: Number(row.version),
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
      lastHash: (row.last_hash as Buffer).toString('hex'),
    };
  }

  /** Which of these streams exist (have at least one event). */
  async existingStreams(streamIds: string[], options: InTransaction = {}): Promise<Set<string>> {
    if (streamIds.length === 0) return new Set();
    const rows: Array<{ stream_id: string }> = await this.executor(options).query(
      `SELECT stream_id FROM streams WHERE stream_id = ANY($1::text[])`,
      [streamIds],
    );
    return new Set(rows.map((row) => row.stream_id));
  }

  /**
   * The global feed after a checkpoint, in commit-safe order. Readers keep the returned
   * checkpoint and pass it back; they never miss an event whose transaction committed late.
   */
  async readFeed(after: FeedCheckpoint | null, limit = 1000): Promise<FeedPage> {
    const rows = await this.feedRows<EventRow>('st_read_feed', FEED_SQL, after, limit);
    return feedPage(rows.map(rowToEvent), after, limit);
  }

  /**
   * The same feed as readFeed, as envelopes for the wire: the data stays JSON text. The relay
   * reads this, so an event costs no parse and no re-serialisation on its way to Kafka.
   */
  async readFeedEnvelopes(
    after: FeedCheckpoint | null,
    limit = 1000,
  ): Promise<FeedPage<EventEnvelope>> {
    const rows = await this.feedRows<EnvelopeRow>(
      'st_read_envelopes',
      ENVELOPE_FEED_SQL,
      after,
      limit,
    );
    return feedPage(rows.map(rowToEnvelope), after, limit);
  }

  private async feedRows<Row extends QueryResultRow>(
    name: string,
    sql: string,
    after: FeedCheckpoint | null,
    limit: number,
  ): Promise<Row[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
      throw new RangeError(`feed limit must be an integer from 1 to 100000, got ${limit}`);
    }
    const from = after ?? ORIGIN;
    const { rows } = await this.pool().query<Row>(
      this.statement(name, sql, [from.transactionId, from.globalPosition, limit]),
    );
    return rows;
  }

  /** How many events a reader at `after` could read now (a reader's lag). */
  async eventsAfter(after: FeedCheckpoint | null, cap?: number): Promise<number> {
    const [lag] = await this.lagOf([after], cap);
    return lag;
  }

  /**
   * The lag of each reader checkpoint (relays, projections): how many committed events lie
   * after it, counted up to `cap` when given ("at least this many", so a reader far behind
   * costs no full scan). The one place that counts feed lag.
   */
  async lagOf(checkpoints: Array<FeedCheckpoint | null>, cap?: number): Promise<number[]> {
    if (checkpoints.length === 0) return [];
    const from = checkpoints.map((c) => c ?? ORIGIN);
    const rows: Array<{ lag: string }> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM events e
                WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
                  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                LIMIT $3) behind) AS lag
         FROM unnest($1::xid8[], $2::bigint[]) WITH ORDINALITY AS c(transaction_id, global_position, n)
        ORDER BY c.n`,
      [from.map((c) => c.transactionId), from.map((c) => c.globalPosition), cap ?? null],
    );
    return rows.map((row) => Number(row.lag));
  }

  /** How big the store is: its highest global position and how many streams it holds. */
  async totals(): Promise<{ globalPosition: number; streams: number }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT coalesce(max(global_position), 0) FROM events) AS global_position,
              (SELECT count(*) FROM streams) AS streams`,
    );
    return { globalPosition: Number(row.global_position), streams: Number(row.streams) };
  }

  /** The checkpoint of the last event a reader could see now (null for an empty store). */
  async headCheckpoint(): Promise<FeedCheckpoint | null> {
    const rows: Array<{ transaction_text: string; global_position: string }> =
      await this.dataSource.query(
        `SELECT transaction_id::text AS transaction_text, global_position FROM events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
      );
    return rows.length === 0
      ? null
      : {
          transactionId: rows[0].transaction_text,
          globalPosition: Number(rows[0].global_position),
        };
  }

  private statement(name: string, text: string, values: unknown[]) {
    return this.prepared ? { name, text, values } : { text, values };
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  private executor(options: InTransaction): Pick<EntityManager, 'query'> {
    return options.manager ?? this.dataSource;
  }
}

function translateAppendError(
  error: unknown,
  streamId: string,
  expected: ExpectedVersion,
  eventIds: string[],
): unknown {
  const driverError = ((error as { driverError?: unknown }).driverError ?? error) as {
    code?: string;
    detail?: string;
    constraint?: string;
    message?: string;
  };
  switch (driverError.code) {
    case 'SE404':
      return new MissingStreamsError(JSON.parse(driverError.detail ?? '[]') as string[]);
    case 'SE409':
      return new ConcurrencyError(streamId, expected, Number(driverError.detail ?? 0));
    case 'SE422':
      return new DuplicateEventIdError(
        streamId,
        (driverError.detail ?? '').split(',').filter(Boolean),
      );
    case '23505':
      // The ids were stored in another stream by a concurrent append.
      if (driverError.constraint === 'events_event_id_key')
        return new DuplicateEventIdError(streamId, eventIds);
      return error;
    case '22P02':
    case '22P05':
    case '22021':
      return new InvalidAppendError(
        `event data rejected by the database: ${driverError.message ?? ''}`,
      );
    default:
      return error;
  }
}

function feedPage<Event extends FeedCheckpoint>(
  events: Event[],
  after: FeedCheckpoint | null,
  limit: number,
): FeedPage<Event> {
  const last = events[events.length - 1];
  return {
    events,
    checkpoint: last
      ? { transactionId: last.transactionId, globalPosition: last.globalPosition }
      : after,
    caughtUp: events.length < limit,
  };
}
