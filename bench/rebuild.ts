/**
 * `npm run bench -- rebuild [EVENTS]` (or BENCH_EVENTS; default 1,000,000): a zero-downtime
 * replay (`Replay.run()`: shadow tables filled from the store feed, deferred indexes, checks,
 * swap) of every read model over a history of statements, a tenth of them corrected later on,
 * beside a raw batched upsert of the very rows the replay produced (same live tables with all
 * their indexes, same number of transactions, no dedupe, checkpoint, reads or checks).
 * Generating the history is not measured. Peak RSS is this process's during the replay.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { NewEvent, PostgresEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  Projection,
  readModelChecksums,
  Replay,
  ReplayPhase,
  ReplayResult,
  resetProjections,
  Sql,
} from '@app/projections';
import { recorded } from './project';
import { printTable, round2, withBenchDatabase } from './support';

const DEFAULT_EVENTS = 1_000_000;
/** Events per replay transaction: the `cli replay` default. */
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
/** Generation: appends in flight (as bench project's writers). */
const WRITERS = 8;
/** A corrected statement is corrected this many statements later. */
const CORRECTION_LAG = 5_000;
/**
 * The read models replayed: all of them, but those BENCH_SKIP_PROJECTIONS names (a diagnostic,
 * e.g. `alerts`, to see what the rest costs; the table's title lists the skipped).
 */
const SKIPPED = (process.env.BENCH_SKIP_PROJECTIONS ?? '').split(',').filter(Boolean);
const PROJECTIONS = ALL_PROJECTIONS.filter((p) => !SKIPPED.includes(p.name));
/** Where the raw baseline keeps its copies of the replayed rows. */
const COPIES = 'bench_rebuild_rows';

interface Sizes {
  events: number;
  statements: number;
  corrections: number;
}

/** N events: ⌈10N/11⌉ statements, and the rest corrections of every tenth statement. */
function sizes(args: string[]): Sizes {
  const given = args[0] ?? process.env.BENCH_EVENTS ?? String(DEFAULT_EVENTS);
  const events = Number(given.replace(/[_,]/g, ''));
  if (!Number.isInteger(events) || events < 11)
    throw new Error(`rebuild: the number of events must be an integer ≥ 11, not "${given}"`);
  const statements = Math.ceil((events * 10) / 11);
  return { events, statements, corrections: events - statements };
}

export async function benchRebuild(
  _rounds: number,
  args: string[] = [],
): Promise<Record<string, number>> {
  const size = sizes(args);
  return withBenchDatabase(async (url) => {
    const dataSource = await openDataSource({ url, poolSize: 8, migrations: ALL_MIGRATIONS });
    const store = new PostgresEventStore(dataSource);
    try {
      await generate(store, size);
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM events`);
      if (Number(n) !== size.events) throw new Error(`stored ${n} events, not ${size.events}`);
      process.stderr.write('VACUUM ANALYZE events…\n');
      await dataSource.query(`VACUUM ANALYZE events`);
      await dataSource.query(`CHECKPOINT`);

      const ours = await replayOnce(dataSource, store, size.events);
      const raw = await rawOnce(dataSource, size.events, ours.result);
      return report(size, ours, raw);
    } finally {
      await dataSource.destroy();
    }
  });
}

/** Prints the tables; returns the figures of the last line. */
function report(
  size: Sizes,
  ours: Awaited<ReturnType<typeof replayOnce>>,
  raw: Awaited<ReturnType<typeof rawOnce>>,
): Record<string, number> {
  const oursRate = size.events / ours.seconds;
  const rawRate = size.events / raw.seconds;
  const batches = Math.ceil(size.events / BATCH);
  const models = SKIPPED.length ? `every read model but ${SKIPPED.join(', ')}` : 'every read model';
  printTable(
    `rebuild of ${models}, ${size.events} events (${size.statements} statements, ` +
      `${size.corrections} corrections), ${batches} transactions of ${BATCH} events`,
    [['events/s', oursRate, rawRate, oursRate / rawRate]],
    ['', 'ours (Replay.run)', 'raw upsert', 'ratio'],
  );
  printTable(
    'where the time goes, seconds',
    [...ours.phases, ['raw upsert', raw.seconds]],
    ['phase', 's'],
  );
  printTable('replay rate by tenth of the history', ours.tenths, ['', 'events/s']);
  printTable('rows per read-model table (replayed = raw upserted)', raw.rows, ['table', 'rows']);
  if (ours.projectionSeconds)
    printTable(
      'apply time per projection during the replay (BENCH_PROJECTION_TIMES), seconds',
      Object.entries(ours.projectionSeconds),
      ['projection', 's'],
    );
  if (ours.slowest.length)
    printTable('the slowest statements during the replay, seconds in all', ours.slowest, [
      'statement',
      's',
    ]);
  printTable(
    'bench process memory, MB',
    [
      ['peak RSS during the replay', ours.peakRssMb],
      ['peak RSS during the raw upsert', raw.peakRssMb],
      ['VmHWM (whole run, generation included)', highWaterMarkMb()],
    ],
    ['', 'MB'],
  );
  return {
    events: size.events,
    ours: Math.round(oursRate),
    raw_upsert: Math.round(rawRate),
    ratio: round2(oursRate / rawRate),
    peak_rss_mb: Math.round(ours.peakRssMb),
  };
}

/**
 * The history, as commands write it: one store append (its own transaction, so its own
 * recorded time) per event, WRITERS at a time taking the statements in turn, so the store
 * receives them about in said order; every tenth statement is corrected CORRECTION_LAG
 * statements later (the rest of the corrections at the end).
 */
async function generate(store: PostgresEventStore, size: Sizes) {
  process.stderr.write(
    `generating ${size.events} events (${size.statements} statements, ${size.corrections} corrected later), ${WRITERS} writers…\n`,
  );
  /** statement index → its append and what its correction needs (corrected statements only). */
  const pending = new Map<number, Promise<{ id: string; previous: Record<string, unknown> }>>();
  const corrected = (i: number) => i % 10 === 0 && i / 10 < size.corrections;
  const record = (i: number) => {
    const event = recorded(i);
    const data = event.data as Record<string, unknown> & { statementId: string };
    const appended = store.append(`statement-${data.statementId}`, 'no-stream', [event]);
    if (!corrected(i)) return appended;
    const facts = appended.then(() => ({
      id: data.statementId,
      previous: { kind: data.kind, cameo: data.cameo, goldstein: data.goldstein },
    }));
    pending.set(i, facts);
    return facts;
  };
  const correct = async (i: number) => {
    const { id, previous } = await pending.get(i)!;
    pending.delete(i);
    await store.append(`statement-${id}`, 1, [correction(id, previous)]);
  };
  const tasks = function* (): Generator<() => Promise<unknown>> {
    for (let i = 0; i < size.statements + CORRECTION_LAG; i++) {
      if (i < size.statements) yield () => record(i);
      const c = i - CORRECTION_LAG;
      if (c >= 0 && corrected(c)) yield () => correct(c);
    }
  };
  const queue = tasks();
  let written = 0;
  const started = Date.now();
  let reported = started;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let task = queue.next(); !task.done; task = queue.next()) {
        await task.value();
        written += 1;
        if (Date.now() - reported > 10_000) {
          reported = Date.now();
          const seconds = (reported - started) / 1000;
          process.stderr.write(
            `  ${written}/${size.events} events, ${Math.round(written / seconds)}/s, ${Math.round(seconds)} s\n`,
          );
        }
      }
    }),
  );
  if (written !== size.events) throw new Error(`generated ${written} of ${size.events} events`);
  process.stderr.write(`  ${written} events in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

/** A correction as the statement decider emits it (the data the statements projection reads). */
function correction(statementId: string, previous: Record<string, unknown>): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'StatementCorrected',
    data: {
      statementId,
      changes: { kind: 'rejection', cameo: '120', goldstein: -4 },
      previous,
      reason: 'bench: kind revised',
      correctedBy: 'bench',
    },
    metadata: { userId: 'bench' },
  };
}

/** Samples process.memoryUsage().rss every 100 ms until stopped; returns the peak in MB. */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 2 ** 20;
    },
  };
}

function highWaterMarkMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/**
 * With BENCH_PROJECTION_TIMES set (a diagnostic run): each projection's apply timed, and each of
 * its statements (by projection and the statement's first words), to see where a replay goes.
 */
function timedProjections(): {
  projections: readonly Projection[];
  seconds?: Record<string, number>;
  statements?: Map<string, number>;
} {
  if (!process.env.BENCH_PROJECTION_TIMES) return { projections: PROJECTIONS };
  const seconds: Record<string, number> = {};
  const statements = new Map<string, number>();
  const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
  const projections = PROJECTIONS.map((p): Projection => {
    seconds[p.name] = 0;
    return {
      ...p,
      apply: async (sql, events) => {
        const started = process.hrtime.bigint();
        const timed: Sql = {
          query: async (text, values) => {
            const at = process.hrtime.bigint();
            try {
              return await sql.query(text, values);
            } finally {
              const label = `${p.name}: ${text.replace(/\s+/g, ' ').trim().slice(0, 70)}`;
              statements.set(label, (statements.get(label) ?? 0) + since(at));
            }
          },
        };
        try {
          await p.apply(timed, events);
        } finally {
          seconds[p.name] += since(started);
        }
      },
    };
  });
  return { projections, seconds, statements };
}

/** One Replay.run() over the whole history, timed, with its phases and this process's peak RSS. */
async function replayOnce(dataSource: DataSource, store: PostgresEventStore, events: number) {
  const marks: Array<[string, number]> = [];
  const mark = (label: string) => marks.push([label, Date.now()]);
  let seen: ReplayPhase | undefined;
  let reported = 0;
  /** (events applied, ms) after each replay batch. */
  const curve: Array<[number, number]> = [];
  const { projections, seconds: projectionSeconds, statements } = timedProjections();
  const replay = new Replay(dataSource, store, projections, {
    batchSize: BATCH,
    onProgress: ({ phase, done, total, detail }) => {
      if (phase !== seen) mark(`${phase} start`);
      seen = phase;
      if (phase !== 'replay' && done === 1) mark(`${phase} done`);
      if (phase === 'replay') curve.push([done, Date.now()]);
      if (phase === 'replay' && done > 0 && Date.now() - reported > 5000) {
        reported = Date.now();
        const s = (reported - marks[0][1]) / 1000;
        process.stderr.write(
          `  ${done}/${total} events, ${Math.round(done / s)}/s, ${Math.round(s)} s\n`,
        );
      } else if (phase !== 'replay')
        process.stderr.write(`  ${phase} ${done}/${total} ${detail ?? ''}\n`);
    },
  });
  process.stderr.write(
    `replaying ${events} events into ${replay.names.join(', ')} (Replay.run)…\n`,
  );
  const rss = rssSampler();
  mark('start');
  const started = process.hrtime.bigint();
  const result = await replay.run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  mark('end');
  const peakRssMb = rss.stop();
  if (result.events !== events)
    throw new Error(`the replay applied ${result.events} of ${events} events`);
  if (result.deadLetters > 0) throw new Error(`the replay set ${result.deadLetters} events aside`);
  return {
    seconds,
    result,
    peakRssMb,
    phases: replayPhases(marks, seconds),
    tenths: byTenth(curve, events),
    projectionSeconds,
    slowest: [...(statements ?? [])].sort(([, a], [, b]) => b - a).slice(0, 15),
  };
}

/** The replay's rate over each tenth of the history (how it holds up as the read models grow). */
function byTenth(curve: Array<[number, number]>, events: number): Array<[string, number]> {
  const rows: Array<[string, number]> = [];
  let [from, since] = curve[0] ?? [0, 0];
  for (let tenth = 1; tenth <= 10; tenth++) {
    const point = curve.find(([done]) => done >= (events * tenth) / 10);
    if (!point || point[0] <= from) continue;
    rows.push([`events ${from + 1}–${point[0]}`, ((point[0] - from) * 1000) / (point[1] - since)]);
    [from, since] = point;
  }
  return rows;
}

/** Phase durations from the progress marks: setup, replay, index, locks, check, swap, drop. */
function replayPhases(marks: Array<[string, number]>, total: number): Array<[string, number]> {
  const at = (label: string) => marks.find(([l]) => l === label)?.[1];
  const span = (label: string, from: string, to: string): Array<[string, number]> => {
    const a = at(from);
    const b = at(to);
    return a !== undefined && b !== undefined ? [[label, (b - a) / 1000]] : [];
  };
  return [
    ['ours: Replay.run() in all', total],
    ...span('  setup (lock, shadow tables, count)', 'start', 'replay start'),
    ...span('  replay (feed → shadow tables)', 'replay start', 'index start'),
    ...span('  index (deferred GIN) + ANALYZE', 'index start', 'index done'),
    ...span('  rebuild locks, late events', 'index done', 'check start'),
    ...span('  check (checksums, shadow and live)', 'check start', 'check done'),
    ...span('  swap (dead letters, swap transaction)', 'check done', 'swap done'),
    ...span('  drop shadow schema', 'swap done', 'end'),
  ];
}

interface TableCopy {
  table: string;
  key: string;
  columns: string[];
  rows: number;
}

/**
 * The raw baseline: the rows the replay swapped in, copied aside (server-side, by row number in
 * table order), the tables reset, then the same rows upserted back into the live tables with
 * all their indexes, in as many transactions as the replay used, each taking its share of every
 * table. Checked to give the replay's checksums.
 */
async function rawOnce(dataSource: DataSource, events: number, replayed: ReplayResult) {
  process.stderr.write('raw upsert: copying the replayed rows aside…\n');
  const copies = await copyRows(dataSource);
  await resetProjections(dataSource, PROJECTIONS);
  await dataSource.query(`CHECKPOINT`);
  const batches = Math.ceil(events / BATCH);
  const statements = copies.map(({ table, key, columns }) => {
    const keys = key.split(',').map((k) => k.trim());
    const updates = columns.filter((c) => !keys.includes(c));
    return `INSERT INTO public.${table} (${columns.join(', ')})
      SELECT ${columns.join(', ')} FROM ${COPIES}.${table} WHERE rn > $1 AND rn <= $2
      ON CONFLICT (${key}) DO ${updates.length ? `UPDATE SET ${updates.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : 'NOTHING'}`;
  });
  process.stderr.write(`raw upsert: ${batches} transactions…\n`);
  const rss = rssSampler();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const started = process.hrtime.bigint();
  try {
    for (let b = 0; b < batches; b++) {
      await runner.startTransaction();
      for (const [t, { rows }] of copies.entries()) {
        const per = Math.ceil(rows / batches);
        if (b * per < rows) await runner.query(statements[t], [b * per, (b + 1) * per]);
      }
      await runner.commitTransaction();
    }
  } finally {
    await runner.release();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMb = rss.stop();
  await dataSource.query(`DROP SCHEMA ${COPIES} CASCADE`);
  await checkSameRows(dataSource, copies, replayed);
  return {
    seconds,
    peakRssMb,
    rows: copies.map((c): [string, number] => [c.table, c.rows]),
  };
}

/** Every read-model table copied into COPIES with a row number (rn, indexed), in table order. */
async function copyRows(dataSource: DataSource): Promise<TableCopy[]> {
  await dataSource.query(`DROP SCHEMA IF EXISTS ${COPIES} CASCADE`);
  await dataSource.query(`CREATE SCHEMA ${COPIES}`);
  const copies: TableCopy[] = [];
  for (const projection of PROJECTIONS)
    for (const { table, key } of projection.tables) {
      const columns: string[] = (
        await dataSource.query(
          `SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
            ORDER BY ordinal_position`,
          [table],
        )
      ).map((c: { column_name: string }) => c.column_name);
      await dataSource.query(
        `CREATE UNLOGGED TABLE ${COPIES}.${table} AS
           SELECT row_number() OVER () AS rn, ${columns.map((c) => `t.${c}`).join(', ')}
             FROM public.${table} t`,
      );
      await dataSource.query(`ALTER TABLE ${COPIES}.${table} ADD PRIMARY KEY (rn)`);
      await dataSource.query(`ANALYZE ${COPIES}.${table}`);
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM ${COPIES}.${table}`);
      copies.push({ table, key, columns, rows: Number(n) });
    }
  return copies;
}

/** The raw upsert wrote what the replay did: its checksums, and every row (alert history too). */
async function checkSameRows(dataSource: DataSource, copies: TableCopy[], replayed: ReplayResult) {
  const sums = await readModelChecksums(dataSource, PROJECTIONS);
  const differ = Object.keys({ ...sums, ...replayed.checksums }).filter(
    (t) => JSON.stringify(sums[t]) !== JSON.stringify(replayed.checksums[t]),
  );
  for (const { table, rows } of copies) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM public.${table}`);
    if (Number(n) !== rows) differ.push(`${table} (${n} rows, replayed ${rows})`);
  }
  if (differ.length > 0)
    throw new Error(`the raw upsert and the replay wrote different rows: ${differ.join(', ')}`);
}
