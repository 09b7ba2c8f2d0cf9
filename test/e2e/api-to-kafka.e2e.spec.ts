/**
 * The whole path of issue 4: a statement recorded over HTTP by the api, relayed by the relay
 * process, arrives on statement-tracker.statements.v1 keyed by its stream, with its
 * CloudEvents headers; the api's /health then reports the relay caught up.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { IncomingMessage, KafkajsMessageBus, Subscription, topicFor } from '@app/messaging';
import { createTestDatabase, TestDatabase, testKafkaBrokers } from '../support/database';
import { registerActors, startTestApi, withKey } from '../support/api';

const ROOT = resolve(__dirname, '../..');
const until = async (what: string, check: () => Promise<boolean> | boolean, seconds = 60) => {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('api → store → relay process → Kafka (real Postgres, real broker)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let relay: ChildProcess;
  let bus: KafkajsMessageBus;
  let subscription: Subscription;
  const received: Array<IncomingMessage & { at: number }> = [];
  const brokers = testKafkaBrokers();

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database, { KAFKA_BROKERS: brokers.join(',') });
    relay = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/relay/src/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: database.url,
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_PARTITIONS: '3',
        RELAY_METRICS_PORT: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await registerActors(app, [
      { actorId: 'nato', name: 'NATO', kind: 'organisation' },
      { actorId: 'china', name: 'China', kind: 'state', countryCode: 'CN' },
      { actorId: 'lin-jian', name: 'Lin Jian', kind: 'person' },
    ]);
    // The relay creates the topics at start; wait until it has published the actors.
    await until('the relay to catch up with the actors', async () => {
      const rows = await database.dataSource.query(
        `SELECT published FROM relay_checkpoints WHERE relay_name = 'main'`,
      );
      return rows.length === 1 && Number(rows[0].published) >= 3;
    });
    bus = new KafkajsMessageBus({ brokers, clientId: 'api-to-kafka-check' });
    subscription = await bus.subscribe({
      groupId: `api-to-kafka-${randomUUID()}`,
      topics: [topicFor('statement')],
      fromBeginning: true,
      handle: async (messages) => {
        const at = Date.now();
        for (const m of messages) received.push({ ...m, at });
      },
    });
  });
  afterAll(async () => {
    await subscription?.stop();
    await bus?.close();
    if (relay && relay.exitCode === null) {
      relay.kill('SIGTERM');
      await new Promise((r) => relay.once('exit', r));
    }
    await app?.close();
    await database?.drop();
  });

  it('publishes a statement recorded over HTTP with its CloudEvents headers', async () => {
    const source = await withKey(app)
      .post('/sources')
      .send({
        url: `https://news.example/${randomUUID()}`,
        publisher: 'Example Wire',
        title: 'Beijing answers the alliance',
        publishedAt: '2024-07-11T09:00:00Z',
      })
      .expect(201);
    const recorded = await withKey(app)
      .post('/statements')
      .set('X-Correlation-Id', 'corr-api-to-kafka')
      .send({
        speakerId: 'lin-jian',
        principalId: 'china',
        kind: 'warning',
        targetIds: ['nato'],
        summary: 'Told the alliance not to stir up confrontation in Asia.',
        saidAt: { date: '2024-07-11', precision: 'day' },
        source: { sourceId: source.body.sourceId },
      })
      .expect(201);
    const acknowledgedAt = Date.now();
    const streamId = `statement-${recorded.body.statementId}`;

    await until('the statement on its topic', () => received.some((m) => m.key === streamId));
    const message = received.find((m) => m.key === streamId)!;
    process.stderr.write(`api 201 → on topic: ${message.at - acknowledgedAt} ms\n`);

    const [stored] = await database.dataSource.query(
      `SELECT event_id, type, stream_position, global_position, transaction_id::text AS tx, data
         FROM events WHERE stream_id = $1`,
      [streamId],
    );
    expect(message.topic).toBe('statement-tracker.statements.v1');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: stored.event_id,
      ce_type: `statement-tracker.${stored.type}.v1`,
      ce_source: 'urn:statement-tracker:event-store',
      ce_subject: streamId,
      'content-type': 'application/json',
      st_stream_version: '1',
      st_global_position: String(stored.global_position),
      st_transaction_id: stored.tx,
      st_correlation_id: 'corr-api-to-kafka',
    });
    expect(new Date(message.headers.ce_time).toISOString()).toBe(message.headers.ce_time);
    expect(JSON.parse(message.value!.toString())).toEqual(stored.data);

    // The api sees the relay through the shared checkpoint table.
    await until('the api to report the relay caught up', async () => {
      const health = await withKey(app).get('/health/details').expect(200);
      const main = (health.body.kafka?.relays ?? []).find(
        (r: { name: string }) => r.name === 'main',
      );
      return main?.lag === 0;
    });
  });
});
