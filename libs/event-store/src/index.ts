export * from './errors';
export * from './integrity';
export * from './postgres-event-store';
export * from './types';
export { EventStore1764300000000 } from './migrations/1764300000000-event-store';
export { AppendRequiring1764900000000 } from './migrations/1764900000000-append-requiring';
export { AffiliationEvents1765000000000 } from './migrations/1765000000000-affiliation-events';
export { HashFeedOrder1765100000000 } from './migrations/1765100000000-hash-feed-order';
import { EventStore1764300000000 } from './migrations/1764300000000-event-store';
import { AppendRequiring1764900000000 } from './migrations/1764900000000-append-requiring';
import { AffiliationEvents1765000000000 } from './migrations/1765000000000-affiliation-events';
import { HashFeedOrder1765100000000 } from './migrations/1765100000000-hash-feed-order';
import { RecordedAtIndex1765700000000 } from './migrations/1765700000000-recorded-at-index';

/** Migrations of the event store, in order; apps register them with their DataSource. */
export const EVENT_STORE_MIGRATIONS = [
  EventStore1764300000000,
  AppendRequiring1764900000000,
  AffiliationEvents1765000000000,
  HashFeedOrder1765100000000,
  RecordedAtIndex1765700000000,
];
export * from './event-store.module';
