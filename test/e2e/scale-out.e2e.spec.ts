/**
 * Scaling out as the README describes it: two apis, a relay and two projectors (one consumer
 * group) started at the same moment on a fresh, empty database and a fresh broker. Migrations
 * must not race, the projectors must wait for the relay's topics, writes go through both apis,
 * one projector is SIGKILLed mid-load, and the survivor takes its partitions — in seconds, not
 * the ~35 s a default session timeout costs. At the end the read models equal a rebuild.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { PostgresEventStore } from '@app/event-store';
import { EVENT_CATEGORIES, KafkajsMessageBus, topicFor } from '@app/messaging';
import {
  ALL_PROJECTIONS,
  FeedProjector,
  PROJECTOR_GROUP,
  ProjectionEngine,
  readModelChecksums,
  resetProjections,
} from '@app/projections';
import { privateKafka, PrivateKafka } from '../../scripts/kafka/local-broker';
import { TEST_ADMIN_KEY } from '../support/api';
import { AppProcess, freePort, getStatus, startApp, until } from '../support/processes';

const PARTITIONS = 4;
const TOPICS = EVENT_CATEGORIES.map(topicFor);
const SESSION_TIMEOUT_MS = 6_000;

type Assignment = Record<string, number[]>;
const held = (assignment: Assignment | undefined) =>
  Object.values(assignment ?? {}).reduce((n, partitions) => n + partitions.length, 0);

describe('scale-out: two apis, a relay and two projectors on a fresh database and broker', () => {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
  const name = `${process.env.TEST_DATABASE_PREFIX}_scale_${randomBytes(3).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let kafka: PrivateKafka;
  const apps: AppProcess[] = [];
  let dataSource: DataSource | undefined;

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    kafka = await privateKafka();
    kafka.start();
    await admin(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    for (const app of apps) await app.kill();
    await dataSource?.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    kafka?.remove();
  });

  it('starts together, writes through both apis, survives a projector kill, matches a rebuild', async () => {
    const [apiPorts, projectorPorts, relayPort] = [
      [await freePort(), await freePort()],
      [await freePort(), await freePort()],
      await freePort(),
    ];
    const common = {
      DATABASE_URL: url.toString(),
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_PARTITIONS: String(PARTITIONS),
      KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      BOOTSTRAP_API_KEY: TEST_ADMIN_KEY,
      SEAL_INTERVAL_MS: '0',
      DB_POOL_SIZE: '4',
      LOG_LEVEL: 'warn',
      RELAY_METRICS_PORT: String(relayPort),
    };
    // All five at once, on a database no one has migrated yet.
    const projectors = projectorPorts.map((port) =>
      startApp('projector', { ...common, PROJECTOR_METRICS_PORT: String(port) }),
    );
    const apis = apiPorts.map((port) =>
      startApp('api', { ...common, PORT: String(port), RELAY_METRICS_PORT: '0' }),
    );
    const relay = startApp('relay', common);
    apps.push(...projectors, ...apis, relay);

    const health = (port: number) => getStatus(`http://127.0.0.1:${port}/health`);
    const startedIn = await until(
      'every process healthy',
      async () => {
        for (const app of apps)
          if (app.child.exitCode !== null)
            throw new Error(`a process exited ${app.child.exitCode}:\n${app.log.join('\n')}`);
        const statuses = await Promise.all(
          [...apiPorts, ...projectorPorts, relayPort].map(async (p) => (await health(p)).status),
        );
        return statuses.every((s) => s === 200);
      },
      180,
    );
    const assignments = async () =>
      Promise.all(
        projectorPorts.map(
          async (port) => (await health(port)).body?.assignment as Assignment | undefined,
        ),
      );
    const total = TOPICS.length * PARTITIONS;
    await until('the partitions shared by both projectors', async () => {
      const [a, b] = await assignments();
      return held(a) + held(b) === total && held(a) > 0 && held(b) > 0;
    });

    // Writes through both apis, in parallel.
    const call = (port: number, path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_ADMIN_KEY}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    let acknowledged = 0;
    const failures: string[] = [];
    const write = async (api: number, rounds: number, from: number) => {
      const port = apiPorts[api];
      const source = await call(port, '/sources', {
        url: `https://news.example/scale-${api}-${from}`,
        publisher: 'Example Wire',
        title: 'Leaders trade warnings',
        publishedAt: '2024-07-11T12:00:00Z',
        text: `Officials from several states traded warnings (wire ${api}, part ${from}).`,
      });
      if (source.status !== 201 && source.status !== 200)
        throw new Error(`source: ${source.status} ${await source.text()}`);
      acknowledged++;
      const { sourceId } = (await source.json()) as { sourceId: string };
      for (let i = from; i < from + rounds; i++) {
        const [speaker, target] = [`state-${api}-${i}`, `state-${1 - api}-${i}`];
        for (const actorId of [speaker, target]) {
          const r = await call(port, '/actors', {
            actorId,
            name: `State ${actorId}`,
            kind: 'state',
          });
          if (r.status === 201) acknowledged++;
          else if (r.status !== 409) failures.push(`actor ${actorId}: ${r.status}`);
        }
        const r = await call(port, '/statements', {
          speakerId: speaker,
          kind: 'warning',
          targetIds: [target],
          quote: `round ${i}: consequences will follow`,
          saidAt: { date: '2024-07-11', precision: 'day' },
          source: { sourceId },
          confidence: 0.8,
        });
        if (r.status === 201) acknowledged++;
        else failures.push(`statement ${i}: ${r.status} ${await r.text()}`);
      }
    };

    await Promise.all([write(0, 40, 0), write(1, 40, 0)]);
    // Kill one projector while both apis keep writing.
    const load = Promise.all([write(0, 60, 40), write(1, 60, 40)]);
    await new Promise((r) => setTimeout(r, 1_000));
    const [victim, survivor] = projectors;
    const killedAt = Date.now();
    await victim.kill();
    await until(
      'the surviving projector to hold every partition',
      async () => held((await assignments())[1]) === total,
      120,
    );
    const takeoverSeconds = (Date.now() - killedAt) / 1000;
    await load;
    expect(failures).toEqual([]);

    const bus = new KafkajsMessageBus({ brokers: kafka.brokers, clientId: 'scale-out-check' });
    try {
      await until(
        'the relay to publish everything',
        async () => (await health(relayPort)).body?.lag === 0,
        120,
      );
      await until(
        'the projector group to consume everything',
        async () => (await bus.consumerLag(PROJECTOR_GROUP, TOPICS)) === 0,
        120,
      );
    } finally {
      await bus.close();
    }
    await survivor.stop();

    dataSource = createDataSource({ url: url.toString(), poolSize: 2, migrations: ALL_MIGRATIONS });
    await dataSource.initialize();
    const [{ n: stored }] = await dataSource.query(`SELECT count(*)::int AS n FROM events`);
    const fromKafka = await readModelChecksums(dataSource, ALL_PROJECTIONS);
    await resetProjections(dataSource, ALL_PROJECTIONS);
    const engine = new ProjectionEngine(dataSource, ALL_PROJECTIONS, { source: 'rebuild' });
    await new FeedProjector(new PostgresEventStore(dataSource), engine, dataSource).catchUp();
    const rebuilt = await readModelChecksums(dataSource, ALL_PROJECTIONS);
    console.log(
      JSON.stringify({
        test: 'scale-out',
        startedTogetherSeconds: startedIn,
        acknowledged,
        stored,
        takeoverSeconds,
        sessionTimeoutMs: SESSION_TIMEOUT_MS,
        statementRows: fromKafka.rm_statements.rows,
      }),
    );
    // Every acknowledged write is stored (one event each), and none is lost on the way.
    expect(stored).toBe(acknowledged);
    expect(fromKafka.rm_statements.rows).toBe(200);
    expect(rebuilt).toEqual(fromKafka);
    // Seconds, not the ~35 s of kafkajs' default 30 s session timeout.
    expect(takeoverSeconds).toBeLessThan(20);
    // The survivor said in its log which partitions it held.
    expect(survivor.log.some((line) => /holds .*\[/.test(line))).toBe(true);
  }, 600_000);
});
