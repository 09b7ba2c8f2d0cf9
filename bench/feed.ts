/**
 * Global-order reads of ≥100,000 events: our gap-safe feed vs Emmett's readMessagesBatch
 * (batch 1000) vs raw keyset paging of a raw table holding the same rows.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { FeedCheckpoint, PostgresEventStore } from '@app/event-store';
import {
  benchEvents,
  median,
  openBenchTargets,
  printTable,
  round2,
  runEmmett,
  runEmmettDetailed,
  timed,
  withBenchDatabase,
} from './support';

const EVENTS = 100_000;
const PAGE = 1000;

export async function benchFeed(rounds: number): Promise<Record<string, number>> {
  return withBenchDatabase(async (url) => {
    const { store, pool, close } = await openBenchTargets(url, 8);
    try {
      process.stderr.write(`seeding ${EVENTS} events into each store…\n`);
      await timed(EVENTS / 100, 8, 100, (i) =>
        store.append(`statement-${randomUUID()}`, 'no-stream', benchEvents(i * 100, 100)),
      );
      // The raw table gets the very same rows, in feed order.
      await pool.query(`INSERT INTO raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata, recorded_at, hash)
                        SELECT stream_id, stream_position, event_id, type, schema_version, data, metadata, recorded_at, hash
                          FROM events ORDER BY transaction_id, global_position`);
      runEmmett({ mode: 'seed', url, count: EVENTS / 100, concurrency: 8 });
      await pool.query('VACUUM ANALYZE');

      const results: Record<string, number[]> = { ours: [], emmett: [], raw: [] };
      let emmettMissed = 0;
      for (let round = 1; round <= rounds; round++) {
        process.stderr.write(`feed round ${round}/${rounds}…\n`);
        results.ours.push(await readOurs(store));
        const emmett = runEmmettDetailed({ mode: 'read', url, count: EVENTS });
        results.emmett.push(emmett.eventsPerSecond);
        emmettMissed = Math.max(emmettMissed, emmett.missed);
        results.raw.push(await readRaw(pool));
      }
      const m = {
        ours: median(results.ours),
        emmett: median(results.emmett),
        raw: median(results.raw),
      };
      printTable(
        `feed, events/s reading ${EVENTS} events in global order, pages of ${PAGE} (median of ${rounds} rounds)`,
        [['global order read', m.ours, m.emmett, m.raw, m.ours / m.emmett, m.ours / m.raw]],
        ['mode', 'ours', 'emmett', 'raw', 'ours/emmett', 'ours/raw'],
      );
      if (emmettMissed > 0) {
        process.stdout.write(
          `note: Emmett's batch read missed ${emmettMissed} of ${EVENTS} events written by concurrent transactions (it resumes from global_position alone)\n`,
        );
      }
      return {
        ours: Math.round(m.ours),
        emmett: Math.round(m.emmett),
        raw: Math.round(m.raw),
        ratio_vs_emmett: round2(m.ours / m.emmett),
        ratio_vs_raw: round2(m.ours / m.raw),
        emmett_events_missed: emmettMissed,
      };
    } finally {
      await close();
    }
  });
}

async function readOurs(store: PostgresEventStore): Promise<number> {
  let checkpoint: FeedCheckpoint | null = null;
  let read = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const page = await store.readFeed(checkpoint, PAGE);
    read += page.events.length;
    checkpoint = page.checkpoint;
    if (page.caughtUp) break;
  }
  if (read < EVENTS) throw new Error(`our feed read ${read} events, expected ${EVENTS}`);
  return read / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function readRaw(pool: Pool): Promise<number> {
  let after = 0;
  let read = 0;
  const started = process.hrtime.bigint();
  for (;;) {
    const { rows } = await pool.query(
      `SELECT global_position, transaction_id::text, stream_id, stream_position, event_id, type, schema_version, data, metadata, recorded_at, hash
         FROM raw_events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [after, PAGE],
    );
    read += rows.length;
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1].global_position);
  }
  if (read < EVENTS) throw new Error(`raw read ${read} events, expected ${EVENTS}`);
  return read / (Number(process.hrtime.bigint() - started) / 1e9);
}
