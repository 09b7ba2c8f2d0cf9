import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { privateKafka } from '../scripts/kafka/local-broker';
import { DataSource } from 'typeorm';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { NewEvent, PostgresEventStore } from '@app/event-store';
import { createRawTable } from './raw-table';
import { METADATA, statementPayload } from './workload';

export { METADATA, statementPayload, timed } from './workload';

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

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Emmett replaces pg's type parsers process-wide, so it always runs in a child process. */
export function runEmmett(args: Record<string, string | number>): number {
  return runEmmettDetailed(args).eventsPerSecond;
}

export function runEmmettDetailed(args: Record<string, string | number>): {
  eventsPerSecond: number;
  missed: number;
} {
  const argv = Object.entries(args).flatMap(([key, value]) => [`--${key}`, String(value)]);
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'emmett-worker.ts'), ...argv],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
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

export interface BenchTargets {
  dataSource: DataSource;
  store: PostgresEventStore;
  /** A plain pg pool for the raw baseline; raw_events already exists. */
  pool: Pool;
  close(): Promise<void>;
}

/** Our store (migrated, pool of `poolSize`) and the raw baseline table, side by side in one database. */
export async function openBenchTargets(url: string, poolSize = POOL_SIZE): Promise<BenchTargets> {
  const dataSource = await openDataSource({ url, poolSize, migrations: ALL_MIGRATIONS });
  const pool = new Pool({ connectionString: url, max: poolSize });
  await createRawTable(pool);
  return {
    dataSource,
    store: new PostgresEventStore(dataSource),
    pool,
    close: async () => {
      await pool.end();
      await dataSource.destroy();
    },
  };
}

/** `count` statement events numbered from `first`, as our store takes them. */
export function benchEvents(first: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, j) => ({
    eventId: randomUUID(),
    type: 'StatementRecorded',
    data: statementPayload(first + j),
    metadata: METADATA,
  }));
}

/** Runs `work` against KAFKA_BROKERS if set, else a broker of its own (stopped afterwards). */
export async function withKafkaBrokers<T>(work: (brokers: string[]) => Promise<T>): Promise<T> {
  const configured = process.env.KAFKA_BROKERS?.split(',');
  if (configured) return work(configured);
  process.stderr.write('starting a local Kafka broker…\n');
  const broker = await privateKafka();
  broker.start();
  try {
    return await work(broker.brokers);
  } finally {
    broker.remove();
  }
}

/**
 * Builds the api and runs `work` against it as its own process on a fresh bench database
 * (admin key `key`, no rate limit, no sealing), stopping it afterwards.
 */
export async function withBenchApi<T>(
  options: { port: number; key: string; env?: Record<string, string> },
  work: (url: string) => Promise<T>,
): Promise<T> {
  const root = join(__dirname, '..');
  process.stderr.write('building the api…\n');
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'api'],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('nest build api failed');
  return withBenchDatabase(async (url) => {
    const server = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
        join(root, 'dist/apps/api/src/main.js'),
      ],
      {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: url,
          PORT: String(options.port),
          BOOTSTRAP_API_KEY: options.key,
          RATE_LIMIT_PER_MINUTE: '0',
          SEAL_INTERVAL_MS: '0',
          LOG_LEVEL: 'warn',
          DB_POOL_SIZE: '16',
          ...options.env,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const up = await fetch(`http://127.0.0.1:${options.port}/health`)
          .then((r) => r.ok)
          .catch(() => false);
        if (up) break;
        if (Date.now() > deadline) throw new Error('the api did not start within 60s');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return await work(url);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });
}
