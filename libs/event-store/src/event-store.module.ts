import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATABASE, type Database } from '@app/database/tokens';
import { EventStoreIntegrity } from './integrity';
import { PostgresEventStore } from './postgres-event-store';

/** The store for an open database, with the settings its kind needs. */
export function createEventStore(database: Database): PostgresEventStore {
  return new PostgresEventStore(database.dataSource, {
    preparedStatements: database.mode !== 'embedded',
  });
}

/** Provides the store and its integrity checks over the app's DataSource. */
@Global()
@Module({
  providers: [
    {
      provide: PostgresEventStore,
      inject: [DATABASE],
      useFactory: createEventStore,
    },
    {
      provide: EventStoreIntegrity,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new EventStoreIntegrity(ds),
    },
  ],
  exports: [PostgresEventStore, EventStoreIntegrity],
})
export class EventStoreModule {}
