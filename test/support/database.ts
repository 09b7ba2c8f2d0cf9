/**
 * Per-test-file databases: a clone of the run's migrated template (fast, isolated), dropped
 * by the test. Integrity tests tamper with rows, so nothing is shared between files.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the suites through \`npm test\` (jest's globalSetup starts the services)`,
    );
  return value;
}

export async function createTestDatabase(poolSize = 20): Promise<TestDatabase> {
  const serverUrl = required('TEST_DATABASE_SERVER_URL');
  const name = `${required('TEST_DATABASE_PREFIX')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${required('TEST_DATABASE_TEMPLATE')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = createDataSource({
    url: url.toString(),
    poolSize,
    migrations: ALL_MIGRATIONS,
  });
  await dataSource.initialize();
  return {
    url: url.toString(),
    name,
    dataSource,
    async drop() {
      await dataSource.destroy();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export function testPgliteUrl(): string {
  return required('TEST_PGLITE_URL');
}

export function testKafkaBrokers(): string[] {
  return required('TEST_KAFKA_BROKERS').split(',');
}

/** How many events the database holds (to prove a refused request wrote nothing). */
export async function eventCount(database: TestDatabase): Promise<number> {
  return Number((await database.dataSource.query('SELECT count(*) AS n FROM events'))[0].n);
}
