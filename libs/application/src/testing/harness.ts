/**
 * The use cases on a real database, without HTTP: a fresh clone of the run's migrated template
 * (test/support/database.ts), and a Nest application context wired like apps/api (config,
 * database, store, the application's ports, the cqrs buses) with every use-case handler of
 * actors, sources, statements, accusations, propositions, records, access, audit and health.
 *
 * No projector runs here (the api runs it): read models stay empty unless a spec calls
 * `project()`, which applies every projection to the store feed once.
 */
import { randomUUID } from 'node:crypto';
import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule, EventBus, QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ApiKeys } from '@app/access';
import { AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule, DatabaseProbe } from '@app/database';
import { EventStoreModule, PostgresEventStore, RecordedEvent } from '@app/event-store';
import { ALL_PROJECTIONS, FeedProjector, ProjectionEngine } from '@app/projections';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { ACCESS_HANDLERS } from '../access';
import { ACCUSATION_HANDLERS } from '../accusations';
import { ACTOR_HANDLERS } from '../actors';
import { ApplicationModule } from '../application.module';
import { AUDIT_HANDLERS } from '../audit';
import { HEALTH_HANDLERS } from '../health';
import { ALL_MIGRATIONS } from '../migrations';
import { PROPOSITION_HANDLERS } from '../propositions';
import { READ_MODEL_HANDLERS } from '../read-models';
import { SEED_HANDLERS } from '../seed';
import { SOURCE_HANDLERS } from '../sources';
import { STATEMENT_HANDLERS } from '../statements';
import type { WriteContext } from '../shared/write-context';

/** The handlers under test and what they need beyond ApplicationModule (as the api's modules do). */
@Module({})
class UseCasesModule {
  static register(): DynamicModule {
    return {
      module: UseCasesModule,
      providers: [
        ...ACTOR_HANDLERS,
        ...SOURCE_HANDLERS,
        ...STATEMENT_HANDLERS,
        ...ACCUSATION_HANDLERS,
        ...PROPOSITION_HANDLERS,
        ...ACCESS_HANDLERS,
        ...AUDIT_HANDLERS,
        ...HEALTH_HANDLERS,
        ...SEED_HANDLERS,
        ...READ_MODEL_HANDLERS,
        DatabaseProbe,
        {
          provide: ApiKeys,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new ApiKeys(dataSource),
        },
      ],
    };
  }
}

@Module({})
class HarnessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: HarnessModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(ALL_MIGRATIONS),
        EventStoreModule,
        CqrsModule.forRoot(),
        ApplicationModule,
        UseCasesModule.register(),
      ],
    };
  }
}

/** An event of a stream, as specs compare it: its type, stream version and data. */
export interface StreamEvent {
  type: string;
  version: number;
  data: any;
  metadata: RecordedEvent['metadata'];
  recordedAt: Date;
}

export interface Harness {
  app: INestApplicationContext;
  config: AppConfig;
  commands: CommandBus;
  queries: QueryBus;
  events: EventBus;
  store: PostgresEventStore;
  dataSource: DataSource;
  /** Who writes: a user id (default "test:harness"), fresh correlation and causation ids. */
  context(userId?: string, ifMatch?: number): WriteContext;
  /** The events of one stream, oldest first ([] when it does not exist). */
  streamEvents(streamId: string): Promise<StreamEvent[]>;
  /** How many events the database holds. */
  eventCount(): Promise<number>;
  /**
   * Run `work`, which must fail, and check that it wrote no event; returns what it threw.
   * (A refused command writes nothing.)
   */
  refused(work: () => Promise<unknown>): Promise<any>;
  /** Apply every projection to the store feed once (the read models the api would have). */
  project(): Promise<number>;
  /** Close the Nest context (pool, probe connection) and drop the database. */
  close(): Promise<void>;
}

/**
 * A harness on a database of its own. `env` adds settings (as environment variables) to the
 * ones the api e2e tests use: DATABASE_URL, SEAL_INTERVAL_MS=0, LOG_LEVEL=error.
 */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase(1);
  let app: INestApplicationContext;
  const config = loadConfig({
    DATABASE_URL: database.url,
    DB_POOL_SIZE: '4',
    SEAL_INTERVAL_MS: '0',
    LOG_LEVEL: 'error',
    ...env,
  });
  try {
    app = await NestFactory.createApplicationContext(HarnessModule.forRoot(config), {
      logger: ['error'],
      abortOnError: false,
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  const store = app.get(PostgresEventStore);
  const dataSource = app.get(DataSource);
  const eventCount = async () =>
    Number((await dataSource.query('SELECT count(*) AS n FROM events'))[0].n);

  return {
    app,
    config,
    commands: app.get(CommandBus),
    queries: app.get(QueryBus),
    events: app.get(EventBus),
    store,
    dataSource,
    context: (userId = 'test:harness', ifMatch?: number) => ({
      metadata: { userId, correlationId: randomUUID(), causationId: `test:${randomUUID()}` },
      ...(ifMatch === undefined ? {} : { ifMatch }),
    }),
    async streamEvents(streamId) {
      return (await store.readStream(streamId)).map((event) => ({
        type: event.type,
        version: event.streamPosition,
        data: event.data,
        metadata: event.metadata,
        recordedAt: event.recordedAt,
      }));
    },
    eventCount,
    async refused(work) {
      const before = await eventCount();
      let thrown: unknown;
      try {
        await work();
      } catch (error) {
        thrown = error ?? new Error('threw nothing');
      }
      if (thrown === undefined) throw new Error('expected a refusal, but the work succeeded');
      const after = await eventCount();
      if (after !== before) throw new Error(`a refused command wrote ${after - before} event(s)`);
      return thrown;
    },
    project: () =>
      new FeedProjector(
        store,
        new ProjectionEngine(dataSource, ALL_PROJECTIONS, { source: 'feed' }),
        dataSource,
      ).catchUp(),
    async close() {
      try {
        await app.close();
      } finally {
        await database.drop();
      }
    },
  };
}

/** Wait a little, so that events written after it carry a later transaction time. */
export const pause = (ms = 5) => new Promise<void>((resolve) => setTimeout(resolve, ms));
