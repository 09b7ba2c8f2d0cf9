import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

/** Benchmarks run on BENCH_DATABASE_URL's server (default: local Postgres), in a database they create and drop. */
export const SERVER_URL =
  process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const POOL_SIZE = 16;

export async function withBenchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `st_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** A statement-sized event payload, the same for every contender. */
export function statementPayload(i: number) {
  return {
    statementId: randomUUID(),
    speaker: 'dmitry-peskov',
    principal: 'russia',
    kind: 'warning',
    targets: ['nato'],
    quote: `Bench quote number ${i}: response measures against a very serious threat.`,
    saidAt: '2024-07-11',
    precision: 'day',
    confidence: 0.9,
  };
}
export const METADATA = { userId: 'bench', correlationId: randomUUID(), causationId: randomUUID() };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run `count` tasks with `concurrency` callers; returns events per second. */
export async function timed(
  count: number,
  concurrency: number,
  eventsPerTask: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return (count * eventsPerTask) / seconds;
}

/** Emmett replaces pg's type parsers process-wide, so it always runs in a child process. */
export function runEmmett(args: Record<string, string | number>): number {
  const argv = Object.entries(args).flatMap(([key, value]) => [`--${key}`, String(value)]);
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'emmett-worker.ts'), ...argv],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!).eventsPerSecond;
}

export function printTable(
  title: string,
  rows: Array<[string, ...number[]]>,
  headers: string[],
): void {
  process.stdout.write(`\n${title}\n`);
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i === 0 ? r[0] : fmt(r[i] as number)).length)),
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(headers)}\n`);
  for (const row of rows)
    process.stdout.write(`${line(row.map((c, i) => (i === 0 ? String(c) : fmt(c as number))))}\n`);
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

export const round2 = (n: number) => Math.round(n * 100) / 100;
