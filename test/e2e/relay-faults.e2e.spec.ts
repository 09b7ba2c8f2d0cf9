/**
 * The relay under faults, on a broker of the test's own: the broker stops and restarts while
 * 5,000 events are relayed, and the relay process is killed with SIGKILL mid-run and started
 * again. Every event arrives (at least once; deduplicated by ce_id) in per-stream order.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { PostgresEventStore } from '@app/event-store';
import { IncomingMessage, KafkajsMessageBus, Relay, topicFor } from '@app/messaging';
import { createTestDatabase, TestDatabase } from '../support/database';
import { privateKafka, PrivateKafka } from '../../scripts/kafka/local-broker';

const ROOT = resolve(__dirname, '../..');
const until = async (what: string, check: () => Promise<boolean>, seconds = 120) => {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** Append `total` events over 50 streams from 4 concurrent writers; returns ids per stream in order. */
async function appendEvents(
  store: PostgresEventStore,
  category: string,
  total: number,
): Promise<Map<string, string[]>> {
  const streams = Array.from({ length: 50 }, () => `${category}-${randomUUID()}`);
  const written = new Map(streams.map((id) => [id, [] as string[]]));
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async (_, writer) => {
      while (next < total / 10) {
        const i = next++;
        const streamId = streams[(i * 7 + writer) % streams.length];
        const batch = Array.from({ length: 10 }, (_, j) => ({
          eventId: randomUUID(),
          type: 'Tick',
          data: { i, j },
        }));
        // Per stream the order is what the store decided: read it back after the fact.
        await store.append(streamId, 'any', batch);
        // Paced, so the faults below land while events are still being written and relayed.
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  for (const streamId of streams)
    written.set(
      streamId,
      (await store.readStream(streamId)).map((e) => e.eventId),
    );
  return written;
}

async function readAll(
  brokers: string[],
  topic: string,
  expected: number,
): Promise<IncomingMessage[]> {
  const bus = new KafkajsMessageBus({ brokers, clientId: 'fault-check' });
  const received: IncomingMessage[] = [];
  const subscription = await bus.subscribe({
    groupId: `check-${randomUUID()}`,
    topics: [topic],
    fromBeginning: true,
    handle: async (m) => void received.push(...m),
  });
  try {
    await until(
      `${expected} distinct events on ${topic}`,
      async () => new Set(received.map((m) => m.headers.ce_id)).size >= expected,
      90,
    );
  } finally {
    await subscription.stop();
    await bus.close();
  }
  return received;
}

function expectComplete(received: IncomingMessage[], written: Map<string, string[]>): void {
  for (const [streamId, ids] of written) {
    const seen: string[] = [];
    for (const m of received)
      if (m.key === streamId && !seen.includes(m.headers.ce_id)) seen.push(m.headers.ce_id);
    expect(seen).toEqual(ids);
  }
}

describe('relay under faults (own broker, real Postgres)', () => {
  let kafka: PrivateKafka;
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    kafka = await privateKafka();
    kafka.start();
    database = await createTestDatabase(8);
    store = new PostgresEventStore(database.dataSource);
  });
  afterAll(async () => {
    await database.drop();
    kafka.remove();
  });

  it('keeps going through a broker stop and restart while 5,000 events are relayed', async () => {
    const category = `brokerfault${randomUUID().slice(0, 6)}`;
    const bus = new KafkajsMessageBus({ brokers: kafka.brokers, clientId: 'relay-under-test' });
    const relay = new Relay(store, bus, database.dataSource, {
      name: category,
      categories: [category],
      partitions: 3,
      batchSize: 200,
    });
    await relay.start();
    const writing = appendEvents(store, category, 5000);
    await until(
      'the relay to publish the first events',
      async () => relay.snapshot().published >= 500,
    );
    const publishedAtStop = relay.snapshot().published;
    kafka.stop();
    await new Promise((r) => setTimeout(r, 3000));
    kafka.start();
    const written = await writing;
    await until(
      'the relay to catch up',
      async () => (await relay.lag()) === 0 && relay.snapshot().published >= 5000,
      180,
    );
    const stats = relay.snapshot();
    await relay.stop();
    await bus.close();
    expect(stats.running).toBe(true);
    expect(publishedAtStop).toBeLessThan(5000); // the outage came mid-run
    expectComplete(await readAll(kafka.brokers, topicFor(category), 5000), written);
  });

  it('loses nothing when the relay process is killed with SIGKILL and started again', async () => {
    const metricsPort = 19000 + Math.floor(Math.random() * 1000);
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_PARTITIONS: '3',
      RELAY_METRICS_PORT: String(metricsPort),
    };
    const startRelay = (): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/relay/src/main.ts')], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    const published = async () =>
      Number(
        (
          await database.dataSource.query(
            `SELECT coalesce(max(published), 0) AS n FROM relay_checkpoints WHERE relay_name = 'main'`,
          )
        )[0].n,
      );

    let relay = startRelay();
    try {
      const writing = appendEvents(store, 'statement', 5000);
      await until('the relay process to publish', async () => (await published()) >= 1000);
      relay.kill('SIGKILL');
      await new Promise((r) => relay.once('exit', r));
      const atKill = await published();
      expect(atKill).toBeLessThan(5000); // killed mid-run
      const written = await writing;
      relay = startRelay();
      await until(
        'the restarted relay to catch up',
        async () => {
          const [{ lag }] = await database.dataSource.query(
            `SELECT count(*)::int AS lag FROM events e, relay_checkpoints r
            WHERE r.relay_name = 'main' AND (e.transaction_id, e.global_position) > (r.transaction_id, r.global_position)`,
          );
          return lag === 0 && (await published()) > atKill;
        },
        180,
      );
      // The restarted process reports itself on /metrics and /health.
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      expect(metrics).toMatch(/^st_relay_lag_events 0$/m);
      expect(metrics).toMatch(/^st_relay_running 1$/m);
      expect(metrics).toMatch(/^st_relay_published_events_total [1-9][0-9]*$/m);
      const health = await (await fetch(`http://127.0.0.1:${metricsPort}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', running: true, lag: 0 });
      expectComplete(await readAll(kafka.brokers, topicFor('statement'), 5000), written);
    } finally {
      relay.kill('SIGTERM');
    }
  });
});
