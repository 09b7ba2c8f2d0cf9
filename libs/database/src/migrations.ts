import { ACCESS_MIGRATIONS } from '@app/access';
import { EVENT_STORE_MIGRATIONS } from '@app/event-store';
import { MESSAGING_MIGRATIONS } from '@app/messaging';
import { PROJECTION_MIGRATIONS } from '@app/projections';
import type { MigrationClass } from './data-source';

/** Every migration of the service, in order. Apps and tests migrate with this list. */
export const ALL_MIGRATIONS: MigrationClass[] = [
  ...EVENT_STORE_MIGRATIONS,
  ...ACCESS_MIGRATIONS,
  ...MESSAGING_MIGRATIONS,
  ...PROJECTION_MIGRATIONS,
];
