import { ACCESS_MIGRATIONS } from '@app/access';
import type { MigrationClass } from '@app/database';
import { EVENT_STORE_MIGRATIONS } from '@app/event-store';
import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { PROJECTION_MIGRATIONS } from '@app/projections';

/**
 * Every migration of the service, in order: each lib owns its tables, and this list (above
 * them all) puts them together. Apps, tests and benchmarks migrate with it.
 */
export const ALL_MIGRATIONS: MigrationClass[] = [
  ...EVENT_STORE_MIGRATIONS,
  ...ACCESS_MIGRATIONS,
  ...MESSAGING_MIGRATIONS,
  ...PROJECTION_MIGRATIONS,
];
