import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import type { MigrationClass } from './data-source';
import { Database, openDatabase } from './database';
import { DATABASE } from './tokens';

export { DATABASE };

/**
 * Opens the configured database (embedded or Postgres), applies the given migrations, closes
 * on shutdown. The migration list comes from above: this lib knows no other lib's tables.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  static forRoot(migrations: MigrationClass[], applicationName?: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATABASE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig): Promise<Database> =>
            openDatabase(config.database, migrations, applicationName),
        },
        {
          provide: DataSource,
          inject: [DATABASE],
          useFactory: (database: Database) => database.dataSource,
        },
      ],
      exports: [DATABASE, DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
