import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@app/config';
import { EventStoreIntegrity, PostgresEventStore } from '@app/event-store';
import {
  createTestDatabase,
  TestDatabase,
  testKafkaBrokers,
} from '../../../../test/support/database';
import { createApiApp } from '../bootstrap';
import { TEST_ADMIN_KEY } from '../../../../test/support/api';

const details = (app: INestApplication) =>
  request(app.getHttpServer())
    .get('/health/details')
    .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`);

describe('GET /health (api on real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase(4);
    const config = loadConfig({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      SEAL_INTERVAL_MS: '0',
      LOG_LEVEL: 'error',
      BOOTSTRAP_API_KEY: TEST_ADMIN_KEY,
    });
    app = await createApiApp(config);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('tells anyone only whether it is up, and an admin where it runs', async () => {
    const open = await request(app.getHttpServer()).get('/health').expect(200);
    expect(open.body).toEqual({
      status: 'ok',
      database: { ok: true, latencyMs: expect.any(Number) },
    });
    for (const secret of [database.name, '127.0.0.1', ...testKafkaBrokers()])
      expect(open.text).not.toContain(secret);
    await request(app.getHttpServer()).get('/health/details').expect(401);
    const response = await details(app).expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      database: { mode: 'postgres', ok: true, location: expect.stringContaining(database.name) },
      eventStore: { head: null, lastSeal: null },
      kafka: { configured: true, brokers: testKafkaBrokers(), relays: [] },
    });
  });

  it('reports the feed head and the last seal', async () => {
    const store = app.get(PostgresEventStore);
    await store.append(`statement-${randomUUID()}`, 'no-stream', [
      { eventId: randomUUID(), type: 'StatementRecorded', data: {} },
    ]);
    const [seal] = await app.get(EventStoreIntegrity).seal();
    const response = await details(app).expect(200);
    expect(response.body.eventStore.head).toMatch(/^\d+:\d+$/);
    expect(response.body.eventStore.lastSeal).toMatchObject({
      sealNumber: 1,
      sealHash: seal.sealHash,
    });
  });

  it('shows each relay’s checkpoint and lag (events not yet published)', async () => {
    await database.dataSource.query(
      `INSERT INTO relay_checkpoints (relay_name, transaction_id, global_position, published) VALUES ('main', '0', 0, 0)`,
    );
    const response = await details(app).expect(200);
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    expect(n).toBeGreaterThan(0);
    expect(response.body.kafka.relays).toEqual([
      expect.objectContaining({
        name: 'main',
        checkpoint: '0:0',
        published: 0,
        lag: n,
        stalled: false,
      }),
    ]);
    expect(response.body.status).toBe('ok');
    // Events waiting and no progress for a minute: the relay is down or cannot publish.
    await database.dataSource.query(
      `UPDATE relay_checkpoints SET updated_at = now() - interval '1 minute' WHERE relay_name = 'main'`,
    );
    const stalled = await details(app).expect(200);
    expect(stalled.body.status).toBe('degraded');
    expect(stalled.body.kafka.relays[0]).toMatchObject({ name: 'main', stalled: true });
  });

  it('serves Prometheus metrics without a key, relay lag included', async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0.0.4/);
    expect(response.text).toMatch(/^st_event_store_global_position [1-9][0-9]*$/m);
    expect(response.text).toMatch(/^st_event_store_seal_number 1$/m);
    expect(response.text).toMatch(/^st_relay_lag_events\{relay="main"\} [1-9][0-9]*$/m);
    expect(response.text).toMatch(/^st_relay_published_events_total\{relay="main"\} 0$/m);
  });

  it('serves the OpenAPI document without a key, with every command and its body schema', async () => {
    const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    const paths = response.body.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    for (const path of [
      '/actors',
      '/sources',
      '/statements',
      '/statements/{statementId}/corrections',
      '/statements/{statementId}/retractions',
      '/statements/{statementId}/withdrawals',
      '/accusations',
      '/accusations/{accusationId}/responses',
      '/propositions',
      '/keys',
    ]) {
      expect(paths[path]?.post?.requestBody).toBeDefined();
    }
    expect(paths['/statements/{statementId}'].get).toBeDefined();
    expect(response.body.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    await request(app.getHttpServer()).get('/docs').expect(200);
  });

  it('answers unknown routes with problem+json', async () => {
    const response = await request(app.getHttpServer()).get('/no-such-thing').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.text)).toMatchObject({
      status: 404,
      title: 'Not Found',
      instance: '/no-such-thing',
    });
  });
});
