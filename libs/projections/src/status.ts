import { DataSource } from 'typeorm';
import { formatCheckpoint, PostgresEventStore } from '@app/event-store';

export interface FeedLaneStatus {
  projection: string;
  /** Where it is in the feed, "<transaction>:<global position>". */
  checkpoint: string;
  processed: number;
  /** Committed events it has not applied yet. */
  lag: number;
  updatedAt: Date;
}

/** The feed lane of each named projection that has one: where it is and how far behind. */
export async function feedLaneStatus(
  dataSource: DataSource,
  store: PostgresEventStore,
  names: string[],
): Promise<FeedLaneStatus[]> {
  const rows: Array<{
    projection: string;
    transaction_text: string;
    global_position: string;
    processed: string;
    updated_at: Date;
  }> = await dataSource.query(
    `SELECT projection, transaction_id::text AS transaction_text, global_position, processed, updated_at
       FROM projection_checkpoints WHERE lane = 'feed' AND projection = ANY($1) ORDER BY projection`,
    [names],
  );
  const checkpoints = rows.map((row) => ({
    transactionId: row.transaction_text,
    globalPosition: Number(row.global_position),
  }));
  const lags = await store.lagOf(checkpoints);
  return rows.map((row, i) => ({
    projection: row.projection,
    checkpoint: formatCheckpoint(checkpoints[i]),
    processed: Number(row.processed),
    lag: lags[i],
    updatedAt: row.updated_at,
  }));
}

/** Events no projection could apply, kept for an operator. */
export async function deadLetterCount(dataSource: DataSource): Promise<number> {
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM projection_dead_letters`);
  return n;
}

export interface ProjectionStatus {
  name: string;
  source: string;
  /** Events (feed) or messages (Kafka) behind; null when the projector has not measured it. */
  lag: number | null;
  processed: number;
  updatedAt: string | null;
}

export interface ProjectionReport {
  source: string;
  projections: ProjectionStatus[];
  deadLetters: number;
}

/**
 * Per projection: where it is and how far behind. Built from the feed (in-process) the lanes
 * say it; built by the Kafka projector, what that last reported.
 */
export async function projectionReport(
  dataSource: DataSource,
  store: PostgresEventStore,
  source: 'feed' | 'kafka',
  names: string[],
): Promise<ProjectionReport> {
  const deadLetters = await deadLetterCount(dataSource);
  if (source === 'kafka') {
    const rows: Array<{
      projection: string;
      source: string;
      lag: string | null;
      processed: string;
      updated_at: Date;
    }> = await dataSource.query(
      `SELECT projection, source, lag, processed, updated_at FROM projection_status ORDER BY projection`,
    );
    return {
      source,
      deadLetters,
      projections: rows.map((r) => ({
        name: r.projection,
        source: r.source,
        lag: r.lag === null ? null : Number(r.lag),
        processed: Number(r.processed),
        updatedAt: r.updated_at.toISOString(),
      })),
    };
  }
  const lanes = new Map(
    (await feedLaneStatus(dataSource, store, names)).map((lane) => [lane.projection, lane]),
  );
  // A projection without a checkpoint has everything ahead of it (counted only then).
  const total = names.every((name) => lanes.has(name)) ? 0 : await store.eventsAfter(null);
  return {
    source,
    deadLetters,
    projections: names.map((name) => {
      const lane = lanes.get(name);
      return {
        name,
        source: 'feed',
        lag: lane ? lane.lag : total,
        processed: lane ? lane.processed : 0,
        updatedAt: lane ? lane.updatedAt.toISOString() : null,
      };
    }),
  };
}
