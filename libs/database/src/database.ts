import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '@app/config';
import { MigrationClass, openDataSource } from './data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

export interface Database {
  mode: DatabaseConfig['mode'];
  dataSource: DataSource;
  /** Where the data is: a redacted URL or the embedded data directory. */
  location: string;
  close(): Promise<void>;
}

/** Open the configured database (starting the embedded one if no URL is set) and migrate it. */
export async function openDatabase(
  config: DatabaseConfig,
  migrations: MigrationClass[],
  applicationName?: string,
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  let location: string;
  if (config.mode === 'embedded') {
    embedded = await startEmbeddedPostgres(join(config.dataDir, 'pglite'));
    url = embedded.url;
    location = embedded.dataDir;
  } else {
    url = config.url;
    const parsed = new URL(config.url);
    location = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  }
  try {
    const dataSource = await openDataSource({
      url,
      poolSize: config.poolSize,
      migrations,
      applicationName,
      migrationLock: config.mode === 'postgres',
    });
    return {
      mode: config.mode,
      dataSource,
      location,
      async close() {
        await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
