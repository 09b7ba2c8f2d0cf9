export * from './errors';
export * from './integrity';
export * from './postgres-event-store';
export * from './types';
export { EventStore1764300000000 } from './migrations/1764300000000-event-store';
export { AppendRequiring1764900000000 } from './migrations/1764900000000-append-requiring';
import { EventStore1764300000000 } from './migrations/1764300000000-event-store';
import { AppendRequiring1764900000000 } from './migrations/1764900000000-append-requiring';

/** Migrations of the event store, in order; apps register them with their DataSource. */
export const EVENT_STORE_MIGRATIONS = [EventStore1764300000000, AppendRequiring1764900000000];
export * from './event-store.module';
