/**
 * The CLI's application: the same use-case handlers the api runs, in a Nest context without
 * HTTP. Loaded only by commands that open the database (help and usage errors stay fast).
 */
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ApiKeys } from '@app/access';
import {
  ACCESS_HANDLERS,
  ApplicationModule,
  AUDIT_HANDLERS,
  SEED_HANDLERS,
} from '@app/application';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DATABASE, Database, DatabaseModule } from '@app/database';
import { EventStoreModule, PostgresEventStore } from '@app/event-store';

/** The use cases the CLI dispatches: audit, keys, the sample story. */
@Module({
  providers: [
    ...AUDIT_HANDLERS,
    ...ACCESS_HANDLERS,
    ...SEED_HANDLERS,
    {
      provide: ApiKeys,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new ApiKeys(dataSource),
    },
  ],
})
class CliUseCases {}

@Module({})
class CliModule {
  static forRoot(config: AppConfig) {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(ALL_MIGRATIONS, 'statement-tracker-cli'),
        EventStoreModule,
        CqrsModule.forRoot(),
        ApplicationModule,
        CliUseCases,
      ],
    };
  }
}

export interface CliApplication {
  config: AppConfig;
  database: Database;
  store: PostgresEventStore;
  commands: CommandBus;
  queries: QueryBus;
}

/** Opens the configured database (migrating it), runs `work`, and closes everything. */
export async function withApplication(
  work: (app: CliApplication) => Promise<number>,
): Promise<number> {
  const config = loadConfig();
  const context: INestApplicationContext = await NestFactory.createApplicationContext(
    CliModule.forRoot(config),
    { logger: ['error', 'fatal'], abortOnError: false },
  );
  try {
    return await work({
      config,
      database: context.get<Database>(DATABASE),
      store: context.get(PostgresEventStore),
      commands: context.get(CommandBus),
      queries: context.get(QueryBus),
    });
  } finally {
    await context.close();
  }
}
