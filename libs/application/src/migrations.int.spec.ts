/**
 * Instances starting together on a fresh database: each opens its data source and migrates.
 * Without the lock they race (duplicate relations, pg_type keys); with it, one migrates and the
 * others wait and find nothing left to do.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from './migrations';

const INSTANCES = 5;

describe('migrations when many instances start at once', () => {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
  const names: string[] = [];

  async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    await admin(async (client) => {
      for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  it.each([1, 2, 3])(
    'trial %i: five concurrent starts all succeed and apply each migration once',
    async () => {
      const name = `${process.env.TEST_DATABASE_PREFIX}_mig_${randomBytes(3).toString('hex')}`;
      names.push(name);
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const results = await Promise.allSettled(
        Array.from({ length: INSTANCES }, (_, i) =>
          openDataSource({
            url: url.toString(),
            poolSize: 2,
            migrations: ALL_MIGRATIONS,
            applicationName: `instance-${i}`,
            migrationLock: true,
          }),
        ),
      );
      const failures = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => String((r.reason as Error).message));
      for (const r of results) if (r.status === 'fulfilled') await r.value.destroy();
      expect(failures).toEqual([]);
      const db = new Client({ connectionString: url.toString() });
      await db.connect();
      const applied = (await db.query(`SELECT name FROM migrations ORDER BY id`)).rows.map(
        (row: { name: string }) => row.name,
      );
      await db.end();
      expect(applied).toHaveLength(ALL_MIGRATIONS.length);
      expect(new Set(applied).size).toBe(ALL_MIGRATIONS.length);
    },
    120_000,
  );
});
