/**
 * Appends: (a) one event per call, a new stream each call, 16 concurrent callers;
 * (b) 100 events per call, a new stream each call, 16 callers. Ours vs raw inserts vs Emmett.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/database/migrations';
import { NewEvent, PostgresEventStore } from '@app/event-store';
import { createRawTable, rawInsertMany, rawInsertOne } from './raw-table';
import {
  median,
  METADATA,
  POOL_SIZE,
  printTable,
  round2,
  runEmmett,
  statementPayload,
  timed,
  withBenchDatabase,
} from './support';

const SINGLE_CALLS = 3000;
const BATCH_CALLS = 80;

export async function benchAppend(rounds: number): Promise<Record<string, number>> {
  return withBenchDatabase(async (url) => {
    const dataSource = await openDataSource({
      url,
      poolSize: POOL_SIZE,
      migrations: ALL_MIGRATIONS,
    });
    const store = new PostgresEventStore(dataSource);
    const pool = new Pool({ connectionString: url, max: POOL_SIZE });
    await createRawTable(pool);
    const event = (i: number): NewEvent => ({
      eventId: randomUUID(),
      type: 'StatementRecorded',
      data: statementPayload(i),
      metadata: METADATA,
    });
    const results: Record<string, number[]> = {
      ours_single_16: [],
      raw_single_16: [],
      emmett_single_16: [],
      ours_batch100: [],
      raw_batch100: [],
      emmett_batch100: [],
    };
    try {
      for (let round = 1; round <= rounds; round++) {
        process.stderr.write(`append round ${round}/${rounds}…\n`);
        results.ours_single_16.push(
          await timed(SINGLE_CALLS, 16, 1, (i) =>
            store.append(`statement-${randomUUID()}`, 'no-stream', [event(i)]),
          ),
        );
        results.raw_single_16.push(
          await timed(SINGLE_CALLS, 16, 1, (i) =>
            rawInsertOne(
              pool,
              `statement-${randomUUID()}`,
              randomUUID(),
              JSON.stringify(statementPayload(i)),
              JSON.stringify(METADATA),
            ),
          ),
        );
        results.emmett_single_16.push(
          runEmmett({ mode: 'single', url, count: SINGLE_CALLS, concurrency: 16 }),
        );
        results.ours_batch100.push(
          await timed(BATCH_CALLS, 16, 100, (i) =>
            store.append(
              `statement-${randomUUID()}`,
              'no-stream',
              Array.from({ length: 100 }, (_, j) => event(i * 100 + j)),
            ),
          ),
        );
        results.raw_batch100.push(
          await timed(BATCH_CALLS, 16, 100, (i) => {
            const ids = Array.from({ length: 100 }, () => randomUUID());
            const data = ids.map((_, j) => JSON.stringify(statementPayload(i * 100 + j)));
            return rawInsertMany(
              pool,
              `statement-${randomUUID()}`,
              ids,
              data,
              ids.map(() => JSON.stringify(METADATA)),
            );
          }),
        );
        results.emmett_batch100.push(
          runEmmett({ mode: 'batch', url, count: BATCH_CALLS, concurrency: 16 }),
        );
      }
    } finally {
      await pool.end();
      await dataSource.destroy();
    }
    const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
    printTable(
      `append, events/s (median of ${rounds} rounds; ${SINGLE_CALLS} single-event calls, ${BATCH_CALLS}×100-event calls; 16 callers, pool ${POOL_SIZE})`,
      [
        [
          'single event, 16 callers',
          m.ours_single_16,
          m.emmett_single_16,
          m.raw_single_16,
          m.ours_single_16 / m.emmett_single_16,
          m.ours_single_16 / m.raw_single_16,
        ],
        [
          '100 events per call',
          m.ours_batch100,
          m.emmett_batch100,
          m.raw_batch100,
          m.ours_batch100 / m.emmett_batch100,
          m.ours_batch100 / m.raw_batch100,
        ],
      ],
      ['mode', 'ours', 'emmett', 'raw', 'ours/emmett', 'ours/raw'],
    );
    return {
      ...Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v)])),
      ratio_vs_emmett_single_16: round2(m.ours_single_16 / m.emmett_single_16),
      ratio_vs_emmett_batch100: round2(m.ours_batch100 / m.emmett_batch100),
      ratio_vs_raw_single_16: round2(m.ours_single_16 / m.raw_single_16),
      ratio_vs_raw_batch100: round2(m.ours_batch100 / m.raw_batch100),
    };
  });
}
