/**
 * A saturated pool: every connection of the api's pool held by long queries. Requests that
 * cannot get a connection answer 503 with Retry-After and write nothing; /health still answers
 * within a second on its own connection.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApi, TEST_ADMIN_KEY } from '../../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';

const POOL = 3;
const HOLD_SECONDS = 13;

describe('a saturated database pool', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase(2);
    app = await startTestApi(database, { DB_POOL_SIZE: String(POOL) });
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const events = async () =>
    Number((await database.dataSource.query(`SELECT count(*) AS n FROM events`))[0].n);

  it('answers 503 with Retry-After, writes nothing, and keeps /health under a second', async () => {
    const server = app.getHttpServer();
    const auth = { Authorization: `Bearer ${TEST_ADMIN_KEY}` };
    await request(server).get('/alerts').set(auth).expect(200);
    const before = await events();
    const pool = app.get(DataSource);
    const holders = Array.from({ length: POOL }, () =>
      pool.query(`SELECT pg_sleep(${HOLD_SECONDS})`),
    );
    await new Promise((r) => setTimeout(r, 300));

    // supertest sends on then(): start every request now.
    const reads = Array.from({ length: 150 }, () =>
      request(server)
        .get('/alerts')
        .set(auth)
        .then((r) => r),
    );
    const writes = Array.from({ length: 50 }, (_, i) =>
      request(server)
        .post('/actors')
        .set(auth)
        .send({ actorId: `busy-actor-${i}`, name: `Busy Actor ${i}`, kind: 'person' })
        .then((r) => r),
    );
    const healthTimes: number[] = [];
    const healthStatuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = Date.now();
      const health = await request(server).get('/health');
      healthTimes.push(Date.now() - started);
      healthStatuses.push(health.status);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const answered = await Promise.all([...reads, ...writes]);
    await Promise.all(holders);

    const statuses: Record<number, number> = {};
    for (const response of answered)
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    console.log(
      `pool saturation: ${JSON.stringify({ requests: answered.length, statuses, healthMs: healthTimes })}`,
    );
    expect(Object.keys(statuses).filter((s) => Number(s) >= 500 && Number(s) !== 503)).toEqual([]);
    expect(statuses[503]).toBe(answered.length);
    for (const response of answered) {
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.text)).toMatchObject({ status: 503 });
    }
    expect(healthStatuses).toEqual(healthStatuses.map(() => 200));
    expect(Math.max(...healthTimes)).toBeLessThan(1000);
    expect(await events()).toBe(before);

    // Once the pool frees up, the same write goes through.
    await request(server)
      .post('/actors')
      .set(auth)
      .send({ actorId: 'busy-actor-0', name: 'Busy Actor 0', kind: 'person' })
      .expect(201);
    expect(await events()).toBe(before + 1);
  }, 60_000);
});
