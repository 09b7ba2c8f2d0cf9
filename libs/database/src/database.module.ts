import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Database, openDatabase } from './database';
import { ALL_MIGRATIONS } from './migrations';
import { DATABASE } from './tokens';

export { DATABASE };

/** Opens the configured database (embedded or Postgres), applies migrations, closes on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<Database> =>
        openDatabase(config.database, ALL_MIGRATIONS),
    },
    {
      provide: DataSource,
      inject: [DATABASE],
      useFactory: (database: Database) => database.dataSource,
    },
  ],
  exports: [DATABASE, DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
