import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { testPgliteUrl } from '../support/database';
import { describeEventStoreContract } from '@app/event-store/testing/store-contract';

// The embedded default: PGlite (one session) behind its socket server, pool of one.
describeEventStoreContract(
  'embedded PGlite',
  () => openDataSource({ url: testPgliteUrl(), poolSize: 1, migrations: ALL_MIGRATIONS }),
  { preparedStatements: false },
  (dataSource) => dataSource.destroy(),
);
