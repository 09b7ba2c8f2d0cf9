import { Client } from 'pg';
import { DataSource, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  migrations: MigrationClass[];
  applicationName?: string;
  /**
   * Run migrations under a PostgreSQL advisory lock, so instances starting together take turns
   * (the first migrates, the others wait, then find nothing to do). Not for the embedded
   * database, which has one session and one process.
   */
  migrationLock?: boolean;
}

/** The advisory lock key migrations run under (an arbitrary 64-bit number of our own). */
export const MIGRATION_LOCK_KEY = '8391870155290126949';

/** A TypeORM DataSource over pg. Schema comes only from migrations (never synchronize). */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName ?? 'statement-tracker',
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    migrations: options.migrations,
    entities: [],
    logging: false,
    extra: { max: options.poolSize, connectionTimeoutMillis: 10_000 },
  });
}

/** Initialise the pool and apply pending migrations; returns the names it applied. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    if (options.migrationLock) await underMigrationLock(options.url, () => migrate(dataSource));
    else await migrate(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

async function migrate(dataSource: DataSource): Promise<void> {
  await dataSource.runMigrations({ transaction: 'each' });
}

/**
 * Holds the migration lock on a connection of its own (session level: a process that dies
 * mid-migration drops its connection, and the lock with it) while `work` runs.
 */
export async function underMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: url,
    application_name: 'statement-tracker migrate',
  });
  // A dropped lock connection surfaces through the query or the work, not as a crash.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}
