/**
 * Appends: (a) one event per call, a new stream each call, 16 concurrent callers;
 * (b) 100 events per call, a new stream each call, 16 callers. Ours vs raw inserts vs Emmett.
 */
import { randomUUID } from 'node:crypto';
import { NewEvent } from '@app/event-store';
import { rawInsertMany, rawInsertOne } from './raw-table';
import {
  benchEvents,
  median,
  openBenchTargets,
  printTable,
  round2,
  runEmmett,
  timed,
  withBenchDatabase,
} from './support';

const SINGLE_CALLS = 3000;
const BATCH_CALLS = 80;
const CALLERS = 16;

type Contender = 'ours' | 'raw' | 'emmett';
type Mode = 'single_16' | 'batch100';

export async function benchAppend(rounds: number): Promise<Record<string, number>> {
  return withBenchDatabase(async (url) => {
    const { store, pool, close } = await openBenchTargets(url);
    const newStream = () => `statement-${randomUUID()}`;
    // The raw baseline writes the same events, serialised the same way, minus the store's work.
    const json = (events: NewEvent[]) => ({
      ids: events.map((e) => e.eventId),
      data: events.map((e) => JSON.stringify(e.data)),
      metadata: events.map((e) => JSON.stringify(e.metadata)),
    });
    const runs: Record<Mode, Record<Contender, () => Promise<number> | number>> = {
      single_16: {
        ours: () =>
          timed(SINGLE_CALLS, CALLERS, 1, (i) =>
            store.append(newStream(), 'no-stream', benchEvents(i, 1)),
          ),
        raw: () =>
          timed(SINGLE_CALLS, CALLERS, 1, (i) => {
            const e = json(benchEvents(i, 1));
            return rawInsertOne(pool, newStream(), e.ids[0], e.data[0], e.metadata[0]);
          }),
        emmett: () => runEmmett({ mode: 'single', url, count: SINGLE_CALLS, concurrency: CALLERS }),
      },
      batch100: {
        ours: () =>
          timed(BATCH_CALLS, CALLERS, 100, (i) =>
            store.append(newStream(), 'no-stream', benchEvents(i * 100, 100)),
          ),
        raw: () =>
          timed(BATCH_CALLS, CALLERS, 100, (i) => {
            const e = json(benchEvents(i * 100, 100));
            return rawInsertMany(pool, newStream(), e.ids, e.data, e.metadata);
          }),
        emmett: () => runEmmett({ mode: 'batch', url, count: BATCH_CALLS, concurrency: CALLERS }),
      },
    };
    const samples: Record<string, number[]> = {};
    try {
      for (let round = 1; round <= rounds; round++) {
        process.stderr.write(`append round ${round}/${rounds}…\n`);
        for (const [mode, contenders] of Object.entries(runs)) {
          for (const [contender, run] of Object.entries(contenders)) {
            (samples[`${contender}_${mode}`] ??= []).push(await run());
          }
        }
      }
    } finally {
      await close();
    }
    const m = Object.fromEntries(
      Object.entries(samples).map(([key, values]) => [key, median(values)]),
    );
    const row = (label: string, mode: Mode): [string, ...number[]] => [
      label,
      m[`ours_${mode}`],
      m[`emmett_${mode}`],
      m[`raw_${mode}`],
      m[`ours_${mode}`] / m[`emmett_${mode}`],
      m[`ours_${mode}`] / m[`raw_${mode}`],
    ];
    printTable(
      `append, events/s (median of ${rounds} rounds; ${SINGLE_CALLS} single-event calls, ${BATCH_CALLS}×100-event calls; ${CALLERS} callers, pools of ${CALLERS})`,
      [row('single event, 16 callers', 'single_16'), row('100 events per call', 'batch100')],
      ['mode', 'ours', 'emmett', 'raw', 'ours/emmett', 'ours/raw'],
    );
    return {
      ...Object.fromEntries(Object.entries(m).map(([key, value]) => [key, Math.round(value)])),
      ratio_vs_emmett_single_16: round2(m.ours_single_16 / m.emmett_single_16),
      ratio_vs_emmett_batch100: round2(m.ours_batch100 / m.emmett_batch100),
      ratio_vs_raw_single_16: round2(m.ours_single_16 / m.raw_single_16),
      ratio_vs_raw_batch100: round2(m.ours_batch100 / m.raw_batch100),
    };
  });
}
