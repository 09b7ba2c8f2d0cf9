import { INestApplication } from '@nestjs/common';
import { startTestApi, TEST_ADMIN_KEY, withKey } from '../../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';

describe('API keys, roles and rate limits', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const keys: Record<string, { key: string; keyId: string }> = {};
  const problem = (text: string) => JSON.parse(text);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database, { RATE_LIMIT_PER_MINUTE: '120' });
    for (const role of ['viewer', 'analyst', 'auditor', 'admin']) {
      const created = await withKey(app)
        .post('/keys')
        .send({ name: `${role} for tests`, role })
        .expect(201);
      expect(created.body).toMatchObject({ role, key: expect.stringMatching(/^st_[a-z0-9]{12}_/) });
      keys[role] = { key: created.body.key, keyId: created.body.keyId };
    }
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('stores only a hash of each key', async () => {
    const rows = await database.dataSource.query(`SELECT key_id, secret_hash FROM api_keys`);
    const secrets = Object.values(keys).map((k) => k.key.slice('st_'.length + 12 + 1));
    for (const row of rows)
      for (const secret of secrets) expect(row.secret_hash.toString()).not.toContain(secret);
    expect(rows.length).toBe(5);
  });

  it('answers 401 without a key or with an unknown one, and health stays public', async () => {
    const none = await withKey(app, null).get('/actors/china').expect(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(problem(none.text)).toMatchObject({ status: 401 });
    await withKey(app, `st_aaaaaaaaaaaa_${'x'.repeat(43)}`)
      .get('/actors/china')
      .expect(401);
    await withKey(app, 'not-a-key').get('/actors/china').expect(401);
    await withKey(app, null)
      .post('/actors')
      .send({ actorId: 'x', name: 'X', kind: 'state' })
      .expect(401);
    await withKey(app, null).get('/health').expect(200);
  });

  it('applies the role matrix: viewer reads, analyst writes, auditor audits, admin manages keys', async () => {
    const actor = { actorId: 'china', name: 'China', kind: 'state' };
    const denied = await withKey(app, keys.viewer.key).post('/actors').send(actor).expect(403);
    expect(problem(denied.text)).toMatchObject({ status: 403 });
    await withKey(app, keys.auditor.key).post('/actors').send(actor).expect(403);
    await withKey(app, keys.analyst.key).post('/actors').send(actor).expect(201);
    await withKey(app, keys.viewer.key).get('/actors/china').expect(200);

    await withKey(app, keys.analyst.key).get('/audit/verify').expect(403);
    const verified = await withKey(app, keys.auditor.key).get('/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true });

    await withKey(app, keys.analyst.key)
      .post('/keys')
      .send({ name: 'x', role: 'admin' })
      .expect(403);
    await withKey(app, keys.viewer.key).get('/keys').expect(403);
    const listed = await withKey(app, keys.admin.key).get('/keys').expect(200);
    expect(listed.body.keys.map((k: { role: string }) => k.role).sort()).toEqual([
      'admin',
      'admin',
      'analyst',
      'auditor',
      'viewer',
    ]);
  });

  it('records which key wrote each event', async () => {
    const history = await withKey(app, keys.viewer.key).get('/actors/china/events').expect(200);
    expect(history.body.events[0].metadata).toMatchObject({
      userId: `key:${keys.analyst.keyId}`,
      correlationId: expect.any(String),
    });
  });

  it('refuses a revoked key at once', async () => {
    const created = await withKey(app)
      .post('/keys')
      .send({ name: 'short-lived', role: 'viewer' })
      .expect(201);
    await withKey(app, created.body.key).get('/actors/china').expect(200);
    await withKey(app).delete(`/keys/${created.body.keyId}`).expect(204);
    await withKey(app, created.body.key).get('/actors/china').expect(401);
    await withKey(app).delete(`/keys/${created.body.keyId}`).expect(404);
  });

  it('limits requests per key with 429 and Retry-After, without slowing other keys', async () => {
    const created = await withKey(app)
      .post('/keys')
      .send({ name: 'busy', role: 'viewer' })
      .expect(201);
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 125; i++) {
      const response = await withKey(app, created.body.key).get('/actors/china');
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers['retry-after'];
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(119);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    await withKey(app, keys.viewer.key).get('/actors/china').expect(200);
    expect(TEST_ADMIN_KEY).toMatch(/^st_/);
  });
});
