import { DataSource, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  migrations: MigrationClass[];
  applicationName?: string;
}

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
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
