import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/database/migrations';
import { testPgliteUrl } from '../../../test/support/database';
import { describeEventStoreContract } from './testing/store-contract';

// The embedded default: PGlite (one session) behind its socket server, pool of one.
describeEventStoreContract(
  'embedded PGlite',
  () => openDataSource({ url: testPgliteUrl(), poolSize: 1, migrations: ALL_MIGRATIONS }),
  { preparedStatements: false },
  (dataSource) => dataSource.destroy(),
);
