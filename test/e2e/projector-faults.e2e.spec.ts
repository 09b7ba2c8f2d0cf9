/**
 * Read models built from Kafka, on a broker of the test's own: events of many streams arrive
 * interleaved across partitions and topics, yet build the same tables as a rebuild from the
 * store; the projector process killed with SIGKILL mid-run and started again ends equal to a
 * full rebuild; a poison message lands on the dead-letter topic and later events still project.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { CommandRunner } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import {
  EVENT_CATEGORIES,
  IncomingMessage,
  KafkajsMessageBus,
  Relay,
  topicFor,
} from '@app/messaging';
import {
  ALL_PROJECTIONS,
  DEAD_LETTER_TOPIC,
  FeedProjector,
  KafkaProjector,
  PROJECTOR_GROUP,
  ProjectionEngine,
  readModelChecksums,
  resetProjections,
} from '@app/projections';
import { privateKafka, PrivateKafka } from '../../scripts/kafka/local-broker';
import { createTestDatabase, TestDatabase } from '../support/database';
import { generateHistory } from '../support/history';

const ROOT = resolve(__dirname, '../..');
const until = async (what: string, check: () => Promise<boolean>, seconds = 120) => {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('projections from Kafka under faults (own broker, real Postgres)', () => {
  let kafka: PrivateKafka;
  let database: TestDatabase;
  let store: PostgresEventStore;
  let bus: KafkajsMessageBus;
  let relay: Relay;

  /** What a full rebuild from the store feed gives, without touching the current tables' rows. */
  async function rebuiltChecksums() {
    await resetProjections(database.dataSource, ALL_PROJECTIONS);
    const engine = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, {
      source: 'rebuild',
    });
    await new FeedProjector(store, engine, database.dataSource).catchUp();
    return readModelChecksums(database.dataSource, ALL_PROJECTIONS);
  }

  const relayed = async () => (await relay.lag()) === 0;

  beforeAll(async () => {
    kafka = await privateKafka();
    kafka.start();
    database = await createTestDatabase(8);
    store = new PostgresEventStore(database.dataSource);
    bus = new KafkajsMessageBus({ brokers: kafka.brokers, clientId: 'projector-faults' });
    relay = new Relay(store, bus, database.dataSource, {
      name: 'main',
      categories: EVENT_CATEGORIES,
      partitions: 6,
      batchSize: 200,
    });
    await relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await bus.close();
    await database.drop();
    kafka.remove();
  });

  it('builds the same read models from interleaved partitions as a rebuild from the store', async () => {
    const runner = new CommandRunner(store, (work) => database.dataSource.transaction(work));
    const { events } = await generateHistory(runner, { statements: 400, seed: 11, prefix: 'p' });
    expect(events).toBeGreaterThan(450);
    await until('the relay to publish everything', relayed);

    const projector = new KafkaProjector(bus, database.dataSource, ALL_PROJECTIONS, {
      groupId: `order-${randomUUID()}`,
    });
    await projector.start();
    await until('the projector to consume everything', async () => (await projector.lag()) === 0);
    await projector.stop();
    const fromKafka = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
    expect(fromKafka.rm_statements.rows).toBeGreaterThan(400);
    expect(fromKafka.rm_relation_buckets.rows).toBeGreaterThan(10);
    expect(await rebuiltChecksums()).toEqual(fromKafka);
  });

  it('ends equal to a full rebuild after the projector process is killed with SIGKILL mid-run', async () => {
    await resetProjections(database.dataSource, ALL_PROJECTIONS);
    const metricsPort = 20000 + Math.floor(Math.random() * 1000);
    const startProjector = (): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/projector/src/main.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: database.url,
          KAFKA_BROKERS: kafka.brokers.join(','),
          PROJECTOR_METRICS_PORT: String(metricsPort),
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    const applied = async () =>
      Number(
        (
          await database.dataSource.query(
            `SELECT count(DISTINCT statement_id)::int AS n FROM rm_statements`,
          )
        )[0].n,
      );
    const runner = new CommandRunner(store, (work) => database.dataSource.transaction(work));
    const writing = generateHistory(runner, { statements: 1500, seed: 23, prefix: 'k' });
    let projector = startProjector();
    try {
      await until('the projector process to apply events', async () => (await applied()) >= 300);
      projector.kill('SIGKILL');
      await new Promise((r) => projector.once('exit', r));
      const atKill = await applied();
      await writing;
      await until('the relay to publish everything', relayed);
      const total = Number(
        (await database.dataSource.query(`SELECT count(*)::int AS n FROM streams`))[0].n,
      );
      expect(atKill).toBeLessThan(total); // killed mid-run
      projector = startProjector();
      await until(
        'the restarted projector to catch up',
        async () => (await bus.consumerLag(PROJECTOR_GROUP, EVENT_CATEGORIES.map(topicFor))) === 0,
        180,
      );
      // The restarted process reports itself.
      await until('the projector to report lag 0', async () => {
        const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`)
          .then((r) => r.text())
          .catch(() => '');
        return /^st_projector_lag_messages 0$/m.test(metrics);
      });
      const [status] = await database.dataSource.query(
        `SELECT source, lag FROM projection_status WHERE projection = 'statements'`,
      );
      expect(status).toMatchObject({ source: 'kafka' });
    } finally {
      projector.kill('SIGTERM');
      await new Promise((r) => (projector.exitCode === null ? projector.once('exit', r) : r(null)));
    }
    const fromKafka = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
    expect(await rebuiltChecksums()).toEqual(fromKafka);
  });

  it('sends a poison message to the dead-letter topic with the error, and projects later events', async () => {
    const groupId = `poison-${randomUUID()}`;
    const poisonStream = `statement-${randomUUID()}`;
    // Feed positions beyond anything in the store: the read models were rebuilt from the feed,
    // and this group first reads (and drops) everything the relay published before.
    let position = 9_000_000_000;
    const headers = (type: string, streamId: string, version: number) => ({
      ce_specversion: '1.0',
      ce_id: randomUUID(),
      ce_type: `statement-tracker.${type}.v1`,
      ce_source: 'urn:test',
      ce_subject: streamId,
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
      st_stream_version: String(version),
      st_global_position: String(++position),
      st_transaction_id: '999999999999',
    });
    const topic = topicFor('statement');
    const broken = headers('StatementRecorded', poisonStream, 1);
    const laterId = randomUUID();
    const later = headers('StatementRecorded', `statement-${laterId}`, 1);
    await bus.publish([
      // Reads fine, but the read model cannot store it (no such date).
      {
        topic,
        key: poisonStream,
        value: JSON.stringify({
          statementId: poisonStream.slice('statement-'.length),
          speakerId: 'p-north',
          kind: 'statement',
          cameo: '010',
          goldstein: 0,
          targetIds: [],
          saidAt: { date: '2024-02-31', precision: 'day' },
        }),
        headers: broken,
      },
      // Cannot even be read.
      {
        topic,
        key: 'garbage',
        value: '{not json',
        headers: headers('StatementRecorded', 'statement-x', 1),
      },
      {
        topic,
        key: later.ce_subject,
        value: JSON.stringify({
          statementId: laterId,
          speakerId: 'p-north',
          kind: 'statement',
          cameo: '010',
          goldstein: 0,
          targetIds: ['p-south'],
          summary: 'After the poison: still projected.',
          saidAt: { date: '2024-03-01', precision: 'day' },
          mention: { sourceId: randomUUID() },
        }),
        headers: later,
      },
    ]);
    const projector = new KafkaProjector(bus, database.dataSource, ALL_PROJECTIONS, {
      groupId,
      topics: [topic],
    });
    const letters: IncomingMessage[] = [];
    const dlq = await bus.subscribe({
      groupId: `dlq-${randomUUID()}`,
      topics: [DEAD_LETTER_TOPIC],
      fromBeginning: true,
      handle: async (messages) => void letters.push(...messages),
    });
    try {
      await projector.start();
      await until('the projector to pass the poison', async () => (await projector.lag()) === 0);
      await until('three dead letters', async () => letters.length >= 3);
    } finally {
      await projector.stop();
      await dlq.stop();
    }
    const [row] = await database.dataSource.query(
      `SELECT summary FROM rm_statements WHERE statement_id = $1`,
      [laterId],
    );
    expect(row).toEqual({ summary: 'After the poison: still projected.' });
    const byId = letters.filter((m) => m.headers.ce_id === broken.ce_id);
    expect(byId.map((m) => m.headers.st_dlq_projection).sort()).toEqual([
      'relations',
      'statements',
    ]);
    expect(byId[0].headers.st_dlq_error).toMatch(/date/i);
    expect(byId[0].headers).toMatchObject({ st_dlq_topic: topic, ce_subject: poisonStream });
    const unreadable = letters.find((m) => m.key === 'garbage')!;
    expect(unreadable.headers).toMatchObject({ st_dlq_projection: '*' });
    expect(unreadable.headers.st_dlq_error).toMatch(/not JSON/);
    expect(unreadable.value!.toString()).toBe('{not json');
    const recorded = await database.dataSource.query(
      `SELECT projection, source FROM projection_dead_letters WHERE source = 'kafka' ORDER BY projection`,
    );
    expect(recorded.map((r: { projection: string }) => r.projection)).toEqual([
      '*',
      'relations',
      'statements',
    ]);
  });
});
