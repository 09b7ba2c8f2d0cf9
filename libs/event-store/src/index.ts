export * from './errors';
export * from './integrity';
export * from './postgres-event-store';
export * from './types';
export { EventStore1764300000000 } from './migrations/1764300000000-event-store';
import { EventStore1764300000000 } from './migrations/1764300000000-event-store';

/** Migrations of the event store, in order; apps register them with their DataSource. */
export const EVENT_STORE_MIGRATIONS = [EventStore1764300000000];
export * from './event-store.module';
