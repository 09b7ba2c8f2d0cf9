import { DataSource } from 'typeorm';
import { formatCheckpoint, PostgresEventStore } from '@app/event-store';
import { FEED_LANE } from './engine';

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
       FROM projection_checkpoints WHERE lane = '${FEED_LANE}' AND projection = ANY($1) ORDER BY projection`,
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

export interface KafkaLaneStatus {
  projection: string;
  /** One per topic partition applied: where it is in the feed order, and when it moved. */
  lanes: Array<{ lane: string; checkpoint: string; updatedAt: string }>;
  processed: number;
  /** Messages behind the partitions' ends, as the projector last measured (null: unknown). */
  lag: number | null;
  updatedAt: string | null;
}

/**
 * What the Kafka projector (apps/projector) has applied of each named projection: its lanes
 * (topic partitions) and the status it last reported. Projections it never ran are left out.
 */
export async function kafkaLaneStatus(
  dataSource: DataSource,
  names: string[],
): Promise<KafkaLaneStatus[]> {
  const lanes: Array<{ projection: string; lane: string; checkpoint: string; updated_at: Date }> =
    await dataSource.query(
      `SELECT projection, lane, transaction_id::text || ':' || global_position AS checkpoint, updated_at
         FROM projection_checkpoints WHERE lane <> '${FEED_LANE}' AND projection = ANY($1)
        ORDER BY projection, lane`,
      [names],
    );
  const status: Array<{
    projection: string;
    lag: string | null;
    processed: string;
    updated_at: Date;
  }> = await dataSource.query(
    `SELECT projection, lag, processed, updated_at FROM projection_status
      WHERE source = 'kafka' AND projection = ANY($1) ORDER BY projection`,
    [names],
  );
  const byName = new Map<string, KafkaLaneStatus>();
  const entry = (projection: string) => {
    let found = byName.get(projection);
    if (!found) {
      found = { projection, lanes: [], processed: 0, lag: null, updatedAt: null };
      byName.set(projection, found);
    }
    return found;
  };
  for (const row of status) {
    const e = entry(row.projection);
    e.processed = Number(row.processed);
    e.lag = row.lag === null ? null : Number(row.lag);
    e.updatedAt = row.updated_at.toISOString();
  }
  for (const row of lanes)
    entry(row.projection).lanes.push({
      lane: row.lane,
      checkpoint: row.checkpoint,
      updatedAt: row.updated_at.toISOString(),
    });
  return [...byName.values()].sort((a, b) => a.projection.localeCompare(b.projection));
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
