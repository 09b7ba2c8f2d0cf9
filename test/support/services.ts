/**
 * Services the int and e2e suites need, started once per `npm test`:
 *  - Postgres: a fresh template database (migrated) in TEST_DATABASE_URL's server; each test
 *    file clones it (test/support/database.ts). Every database this run made is dropped after.
 *  - PGlite: an in-memory embedded Postgres behind its socket server (TEST_PGLITE_URL).
 *  - Kafka: KAFKA_BROKERS if set, else a local broker started by scripts/kafka/kafka.sh.
 * A service that can't be had fails the run with what to install; nothing is silently skipped.
 * TEST_SERVICES=none (used by `npm run test:unit`) starts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { openDataSource, startEmbeddedPostgres } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';

const ROOT = resolve(__dirname, '../..');
const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestServices {
  stop(): Promise<void>;
}

export async function startTestServices(): Promise<TestServices> {
  if (process.env.TEST_SERVICES === 'none') return { stop: async () => undefined };
  const stops: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const step of stops.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error('[test services] cleanup step failed:', error);
      }
    }
  };
  try {
    stops.push(await startPostgres());
    stops.push(await startPglite());
    stops.push(await startKafka());
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

async function startPostgres(): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const admin = new Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Tests need PostgreSQL at ${serverUrl} (${(error as Error).message}). ` +
        'Start it (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start; ' +
        'or apt-get install postgresql) or set TEST_DATABASE_URL.',
    );
  }
  await dropAbandonedDatabases(admin);
  const prefix = `st_test_${Date.now().toString(36)}_${process.pid}`;
  const template = `${prefix}_tpl`;
  await admin.query(`CREATE DATABASE ${template}`);
  const templateUrl = withDatabase(serverUrl, template);
  const dataSource = await openDataSource({
    url: templateUrl,
    poolSize: 1,
    migrations: ALL_MIGRATIONS,
  });
  await dataSource.destroy();
  process.env.TEST_DATABASE_SERVER_URL = serverUrl;
  process.env.TEST_DATABASE_PREFIX = prefix;
  process.env.TEST_DATABASE_TEMPLATE = template;
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}

/** Databases of earlier runs whose jest process is gone (killed before its teardown). */
async function dropAbandonedDatabases(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ '^st_test_[0-9a-z]+_[0-9]+(_|$)'`,
  );
  for (const { datname } of rows) {
    const pid = Number(datname.split('_')[3]);
    if (pid === process.pid || isAlive(pid)) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startPglite(): Promise<() => Promise<void>> {
  const embedded = await startEmbeddedPostgres('memory://');
  process.env.TEST_PGLITE_URL = embedded.url;
  return () => embedded.stop();
}

async function startKafka(): Promise<() => void> {
  if (process.env.KAFKA_BROKERS) {
    process.env.TEST_KAFKA_BROKERS = process.env.KAFKA_BROKERS;
    return () => undefined;
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'st-test-kafka-'));
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    KAFKA_DATA_DIR: dataDir,
  };
  const script = join(ROOT, 'scripts/kafka/kafka.sh');
  try {
    execFileSync('bash', [script, 'start'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      'Tests need a Kafka broker: set KAFKA_BROKERS, or let scripts/kafka/kafka.sh start one ' +
        '(needs Java 17+ and Maven with access to Maven Central: apt-get install openjdk-17-jre-headless maven).',
    );
  }
  process.env.TEST_KAFKA_BROKERS = `127.0.0.1:${port}`;
  return () => {
    execFileSync('bash', [script, 'stop'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    rmSync(dataDir, { recursive: true, force: true });
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
