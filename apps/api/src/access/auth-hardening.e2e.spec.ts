/**
 * Authentication under attack: guessing keys is limited per client address without a database
 * lookup per guess, keys are never echoed, a revocation holds on every instance at once, and a
 * retried key creation makes one key.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ApiKeys } from '@app/access';
import { startTestApi, TEST_ADMIN_KEY, withKey } from '../../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';

const ATTACKER = '203.0.113.7';
const USER = '198.51.100.20';
const problem = (text: string) => JSON.parse(text);
/** An authenticated reader asking for an actor not on record. */
const ADMITTED = 404;

function from(app: INestApplication, address: string, key: string) {
  return request(app.getHttpServer())
    .get('/actors/nobody-yet')
    .set('X-Forwarded-For', address)
    .set('Authorization', `Bearer ${key}`);
}

function bogusKey(i: number): string {
  return `st_${i.toString(36).padStart(12, 'q')}_${'B'.repeat(43)}`;
}

describe('authentication under attack', () => {
  let database: TestDatabase;
  let a: INestApplication;
  let b: INestApplication;
  let lookups = 0;

  beforeAll(async () => {
    database = await createTestDatabase(4);
    // Two instances behind one proxy hop, as a deployment with a load balancer runs them.
    a = await startTestApi(database, { TRUST_PROXY_HOPS: '1' });
    b = await startTestApi(database, { TRUST_PROXY_HOPS: '1' });
    const keys = a.get(ApiKeys);
    const authenticate = keys.authenticate.bind(keys);
    keys.authenticate = (presented: string) => {
      lookups++;
      return authenticate(presented);
    };
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await database.drop();
  });

  it('answers a brute force of 5,000 bad keys with 429 after the allowance, without a lookup per guess, while others go on', async () => {
    lookups = 0;
    const statuses: Record<number, number> = {};
    let retryAfterMissing = 0;
    let userFailures = 0;
    const started = Date.now();
    for (let batch = 0; batch < 100; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => from(a, ATTACKER, bogusKey(batch * 50 + i))),
      );
      for (const response of responses) {
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status === 429 && !response.headers['retry-after']) retryAfterMissing++;
      }
      // A real user from another address is never held up by it.
      if ((await from(a, USER, TEST_ADMIN_KEY)).status !== ADMITTED) userFailures++;
    }
    const summary = {
      attempts: 5000,
      seconds: (Date.now() - started) / 1000,
      statuses,
      lookups,
      userFailures,
    };
    console.log(`brute force: ${JSON.stringify(summary)}`);
    // 30 a minute: the burst, plus what refills while the attack runs.
    expect(statuses[401]).toBeLessThanOrEqual(30 + Math.ceil(summary.seconds / 2));
    expect(statuses[429]).toBe(5000 - statuses[401]);
    expect(retryAfterMissing).toBe(0);
    // Only the guesses inside the allowance reached the database, plus the user's key once
    // per 5 s cache period.
    expect(lookups).toBeLessThanOrEqual(statuses[401] + Math.ceil(summary.seconds / 5) + 1);
    expect(userFailures).toBe(0);
    // A key verified lately is not locked out by someone failing from its address (a NAT).
    await from(a, ATTACKER, TEST_ADMIN_KEY).expect(ADMITTED);
    const limited = await from(a, ATTACKER, bogusKey(99_999)).expect(429);
    expect(problem(limited.text)).toMatchObject({ status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never echoes a key: not from the query string, not from a header', async () => {
    const key = `st_abcdefabcdef_${'S'.repeat(43)}`;
    const inQuery = await request(a.getHttpServer())
      .get(`/actors/china?api_key=${key}`)
      .set('X-Forwarded-For', '192.0.2.50')
      .expect(401);
    expect(problem(inQuery.text)).toMatchObject({ status: 401, instance: '/actors/china' });
    const withValidKey = await request(a.getHttpServer())
      .get(`/actors/nato/timeline?api_key=${key}`)
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(400);
    const wrongKey = await request(a.getHttpServer())
      .get('/actors/china')
      .set('X-Forwarded-For', '192.0.2.51')
      .set('X-API-Key', key)
      .expect(401);
    for (const response of [inQuery, withValidKey, wrongKey]) {
      expect(response.text).not.toContain('SSSSSSSSSS');
      expect(JSON.stringify(response.headers)).not.toContain('SSSSSSSSSS');
    }
  });

  it('makes a revocation hold on every instance at once, also one made outside the api', async () => {
    for (const via of ['api', 'cli'] as const) {
      const created = await withKey(a)
        .post('/keys')
        .send({ name: `revoked via ${via}`, role: 'viewer' })
        .expect(201);
      // Instance b has just verified (and cached) it.
      await from(b, USER, created.body.key).expect(ADMITTED);
      await from(b, USER, created.body.key).expect(ADMITTED);
      if (via === 'api') await withKey(a).delete(`/keys/${created.body.keyId}`).expect(204);
      else expect(await new ApiKeys(database.dataSource).revoke(created.body.keyId)).toBe(true);
      const revokedAt = Date.now();
      let accepted = 0;
      let status = ADMITTED;
      while (status === ADMITTED && Date.now() - revokedAt < 5_000) {
        status = (await from(b, USER, created.body.key)).status;
        if (status === ADMITTED) accepted++;
      }
      const tookMs = Date.now() - revokedAt;
      console.log(`revocation via ${via}: refused on the other instance after ${tookMs} ms`);
      expect(status).toBe(401);
      expect(tookMs).toBeLessThan(500);
      expect(accepted).toBeLessThanOrEqual(1);
    }
  });

  it('makes one key for a retried POST /keys with the same Idempotency-Key, and never stores its secret', async () => {
    const send = () =>
      withKey(a)
        .post('/keys')
        .set('Idempotency-Key', 'make-the-newsroom-key')
        .send({ name: 'newsroom dashboard', role: 'viewer' });
    const first = await send().expect(201);
    const retry = await send().expect(409);
    expect(problem(retry.text)).toMatchObject({
      status: 409,
      field: 'Idempotency-Key',
      created: { keyId: first.body.keyId, role: 'viewer', name: 'newsroom dashboard' },
    });
    expect(retry.text).not.toContain(first.body.key);
    const listed = await withKey(a).get('/keys').expect(200);
    expect(
      listed.body.keys.filter((k: { name: string }) => k.name === 'newsroom dashboard'),
    ).toHaveLength(1);
    const stored = await database.dataSource.query(
      `SELECT body::text AS body FROM idempotency_records WHERE idempotency_key = 'make-the-newsroom-key'`,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0].body).toContain(first.body.keyId);
    expect(stored[0].body).not.toContain(first.body.key.slice(-43));
  });
});
