import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@app/event-store';
import {
  createTestDatabase,
  TestDatabase,
  testKafkaBrokers,
} from '../../../../test/support/database';
import { KafkajsMessageBus } from '../kafkajs-message-bus';
import type { IncomingMessage, Subscription } from '../message-bus';
import { envelopeToCloudEvent, topicFor } from './cloudevents';
import { Relay } from './relay';

describe('relay: store feed → Kafka (real Postgres, real broker)', () => {
  // A category of its own, so the topic is this test's alone even on a shared broker.
  const category = `relaytest${randomUUID().slice(0, 8)}`;
  const topic = topicFor(category);
  let database: TestDatabase;
  let store: PostgresEventStore;
  let bus: KafkajsMessageBus;
  let subscription: Subscription | undefined;
  const received: IncomingMessage[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(4);
    store = new PostgresEventStore(database.dataSource);
    bus = new KafkajsMessageBus({ brokers: testKafkaBrokers(), clientId: 'relay-test' });
  });
  afterAll(async () => {
    await subscription?.stop();
    await bus.deleteTopics([topic]);
    await bus.close();
    await database.drop();
  });

  const relay = () =>
    new Relay(store, bus, database.dataSource, {
      name: `relay-${category}`,
      categories: [category],
      partitions: 3,
      batchSize: 64,
    });

  async function appendStories(
    streams: number,
    eventsPerStream: number,
  ): Promise<Map<string, string[]>> {
    const written = new Map<string, string[]>();
    for (let s = 0; s < streams; s++) {
      const streamId = `${category}-${randomUUID()}`;
      const ids: string[] = [];
      for (let e = 0; e < eventsPerStream; e += 3) {
        const batch = Array.from({ length: Math.min(3, eventsPerStream - e) }, (_, i) => ({
          eventId: randomUUID(),
          type: 'Tick',
          data: { n: e + i },
        }));
        await store.append(streamId, 'any', batch, {});
        ids.push(...batch.map((event) => event.eventId));
      }
      written.set(streamId, ids);
    }
    return written;
  }

  async function waitFor(count: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (new Set(received.map((m) => m.headers.ce_id)).size < count) {
      if (Date.now() > deadline)
        throw new Error(`only ${received.length} of ${count} messages arrived`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('publishes every event once, keyed by stream, in per-stream order, with CloudEvents headers', async () => {
    const written = await appendStories(12, 25);
    const first = relay();
    await first.start();
    subscription = await bus.subscribe({
      groupId: `check-${category}`,
      topics: [topic],
      fromBeginning: true,
      handle: async (messages) => {
        received.push(...messages);
      },
    });
    await waitFor(300);
    await first.stop();

    expect(received).toHaveLength(300);
    expect(new Set(received.map((m) => m.headers.ce_id)).size).toBe(300);
    for (const [streamId, ids] of written) {
      const ofStream = received.filter((m) => m.key === streamId);
      expect(ofStream.map((m) => m.headers.ce_id)).toEqual(ids);
      expect(ofStream.map((m) => Number(m.headers.st_stream_version))).toEqual(
        ids.map((_, i) => i + 1),
      );
      expect(new Set(ofStream.map((m) => m.partition)).size).toBe(1);
    }
    expect(received[0].headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'statement-tracker.Tick.v1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(received[0].value!.toString())).toHaveProperty('n');
    expect(first.snapshot()).toMatchObject({ published: 300, errors: 0 });
    expect(await first.lag()).toBe(0);
  });

  it('resumes from its acknowledged checkpoint after a restart, publishing only what is new', async () => {
    const more = await appendStories(3, 10);
    const second = relay();
    await second.start();
    await waitFor(330);
    await second.stop();
    expect(received).toHaveLength(330);
    expect(second.snapshot().published).toBe(30);
    const [checkpoint] = await database.dataSource.query(
      `SELECT published FROM relay_checkpoints WHERE relay_name = $1`,
      [`relay-${category}`],
    );
    expect(Number(checkpoint.published)).toBe(330);
    expect(
      [...more.values()].flat().every((id) => received.some((m) => m.headers.ce_id === id)),
    ).toBe(true);
  });

  it('is readable by another client: kcat sees the same keys, values and CloudEvents headers', () => {
    let output: string;
    try {
      output = execFileSync(
        'kcat',
        ['-b', testKafkaBrokers()[0], '-C', '-t', topic, '-o', 'beginning', '-e', '-J', '-q'],
        { encoding: 'utf8', timeout: 60_000 },
      );
    } catch (error) {
      throw new Error(
        `kcat is needed for this test (Debian: apt-get install kcat): ${(error as Error).message}`,
      );
    }
    const messages = output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string; payload: string; headers: string[] });
    expect(messages).toHaveLength(received.length);
    const byId = new Map(received.map((m) => [m.headers.ce_id, m]));
    for (const message of messages) {
      const headers: Record<string, string> = {};
      for (let i = 0; i < message.headers.length; i += 2)
        headers[message.headers[i]] = message.headers[i + 1];
      const ours = byId.get(headers.ce_id);
      expect(ours).toBeDefined();
      expect(message.key).toBe(ours!.key);
      expect(message.payload).toBe(ours!.value!.toString());
      expect(headers).toMatchObject({
        ce_specversion: '1.0',
        ce_type: 'statement-tracker.Tick.v1',
        ce_subject: ours!.key,
        'content-type': 'application/json',
      });
    }
  });

  it('does not publish again what a lost acknowledgement left in Kafka (per partition)', async () => {
    await appendStories(4, 10);
    const [row] = await database.dataSource.query(
      `SELECT transaction_id::text AS tx, global_position FROM relay_checkpoints WHERE relay_name = $1`,
      [`relay-${category}`],
    );
    const page = await store.readFeedEnvelopes(
      { transactionId: row.tx, globalPosition: Number(row.global_position) },
      25,
    );
    // The broker stored the first 25 events, except the later ones of the last event's
    // partition, but the relay never heard back: its checkpoint is still before all 40.
    const partial = bus.partitionFor(page.events[24].streamId, 3);
    const stored = page.events.filter(
      (e, i) => i < 15 || bus.partitionFor(e.streamId, 3) !== partial,
    );
    expect(stored.length).toBeGreaterThanOrEqual(15);
    expect(stored.length).toBeLessThan(25);
    await bus.publish(stored.map(envelopeToCloudEvent));
    const third = relay();
    await third.start();
    await waitFor(370);
    await new Promise((r) => setTimeout(r, 1_000)); // room for a duplicate to show up
    await third.stop();
    expect(received).toHaveLength(370);
    expect(new Set(received.map((m) => m.headers.ce_id)).size).toBe(370);
    expect(third.snapshot()).toMatchObject({
      alreadyPublished: stored.length,
      published: 40 - stored.length,
    });
    // Whatever partition an event went to, it is the one partitionFor names.
    for (const m of received) expect(m.partition).toBe(bus.partitionFor(m.key!, 3));
  });
});
