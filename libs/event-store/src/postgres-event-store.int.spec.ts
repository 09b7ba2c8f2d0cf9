import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { describeEventStoreContract } from './testing/store-contract';

const databases = new Map<unknown, TestDatabase>();

describeEventStoreContract(
  'Postgres',
  async () => {
    const database = await createTestDatabase();
    databases.set(database.dataSource, database);
    return database.dataSource;
  },
  {},
  async (dataSource) => databases.get(dataSource)?.drop(),
);
