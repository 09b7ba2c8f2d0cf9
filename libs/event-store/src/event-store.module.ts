import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStoreIntegrity } from './integrity';
import { PostgresEventStore } from './postgres-event-store';

/** Provides the store and its integrity checks over the app's DataSource. */
@Global()
@Module({
  providers: [
    {
      provide: PostgresEventStore,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new PostgresEventStore(ds),
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
