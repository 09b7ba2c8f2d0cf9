/**
 * Relay throughput: events/s from the store to the broker (acks=all) beside a raw kafkajs
 * producer sending the same messages in the same batches, in the same run; and latency from
 * append to arrival on the topic (p50/p99) at a steady 200 appends/s.
 * Uses KAFKA_BROKERS if set, else starts a broker of its own.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { DataSource } from 'typeorm';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { EventEnvelope, PostgresEventStore } from '@app/event-store';
import { envelopeToCloudEvent, KafkajsMessageBus, Relay, topicFor } from '@app/messaging';
import {
  benchEvents,
  median,
  printTable,
  round2,
  timed,
  withBenchDatabase,
  withKafkaBrokers,
} from './support';

const EVENTS = 20_000;
const BATCH = 500;

export async function benchRelay(rounds: number): Promise<Record<string, number>> {
  return withKafkaBrokers((brokers) =>
    withBenchDatabase(async (url) => {
      const dataSource = await openDataSource({ url, poolSize: 8, migrations: ALL_MIGRATIONS });
      const store = new PostgresEventStore(dataSource);
      const bus = new KafkajsMessageBus({ brokers: brokers, clientId: 'bench-relay' });
      const category = `benchrelay${randomUUID().slice(0, 6)}`;
      const topic = topicFor(category);
      try {
        process.stderr.write(`seeding ${EVENTS} events…\n`);
        await timed(EVENTS / 100, 8, 100, (i) =>
          store.append(`${category}-${randomUUID()}`, 'no-stream', benchEvents(i * 100, 100)),
        );
        await bus.ensureTopics([{ topic, partitions: 6, config: { 'retention.ms': '-1' } }]);
        const stored: EventEnvelope[] = [];
        for (
          let page = await store.readFeedEnvelopes(null, 5000);
          page.events.length > 0;
          page = await store.readFeedEnvelopes(page.checkpoint, 5000)
        )
          stored.push(...page.events);

        // One unmeasured round first: connections, metadata and the JIT warm up on both sides.
        process.stderr.write('warm-up round…\n');
        await relayOnce(store, bus, dataSource, category);
        await rawOnce(brokers, stored);
        const ours: number[] = [];
        const raw: number[] = [];
        for (let round = 1; round <= rounds; round++) {
          process.stderr.write(`relay round ${round}/${rounds}…\n`);
          ours.push(await relayOnce(store, bus, dataSource, category));
          raw.push(await rawOnce(brokers, stored));
          process.stderr.write(
            `  ours ${Math.round(ours[round - 1])}/s, raw ${Math.round(raw[round - 1])}/s\n`,
          );
        }
        process.stderr.write('latency at 200 appends/s…\n');
        const latency = await latencyRun(store, bus, dataSource, brokers, category);
        const m = { ours: median(ours), raw: median(raw) };
        printTable(
          `relay, events/s store → broker (acks=all), ${EVENTS} events, batches of ${BATCH} (median of ${rounds} rounds); append → on topic at 200/s`,
          [['relay vs raw kafkajs', m.ours, m.raw, m.ours / m.raw, latency.p50, latency.p99]],
          ['', 'ours', 'raw kafkajs', 'ratio', 'p50 ms', 'p99 ms'],
        );
        return {
          ours: Math.round(m.ours),
          raw_kafkajs: Math.round(m.raw),
          ratio: round2(m.ours / m.raw),
          p50_ms: latency.p50,
          p99_ms: latency.p99,
        };
      } finally {
        await bus.deleteTopics([topic]).catch(() => undefined);
        await bus.close();
        await dataSource.destroy();
      }
    }),
  );
}

async function relayOnce(
  store: PostgresEventStore,
  bus: KafkajsMessageBus,
  dataSource: Parameters<typeof openDataSource>[0] extends never
    ? never
    : import('typeorm').DataSource,
  category: string,
): Promise<number> {
  const relay = new Relay(store, bus, dataSource, {
    name: `bench-${randomUUID()}`,
    categories: [category],
    partitions: 6,
    batchSize: BATCH,
    idleMs: 5,
  });
  await relay.start();
  const started = process.hrtime.bigint();
  while (relay.snapshot().published < EVENTS) await new Promise((r) => setTimeout(r, 5));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await relay.stop();
  return EVENTS / seconds;
}

async function rawOnce(brokers: string[], events: EventEnvelope[]): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const messages = events.map(envelopeToCloudEvent);
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages.length; i += BATCH) {
    const batch = messages.slice(i, i + BATCH);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic: batch[0].topic,
          messages: batch.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        },
      ],
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await producer.disconnect();
  return messages.length / seconds;
}

async function latencyRun(
  store: PostgresEventStore,
  bus: KafkajsMessageBus,
  dataSource: DataSource,
  brokers: string[],
  category: string,
) {
  const name = `latency-${randomUUID()}`;
  const relay = new Relay(store, bus, dataSource, {
    name,
    categories: [category],
    partitions: 6,
    batchSize: BATCH,
    idleMs: 5,
  });
  const appendedAt = new Map<string, number>();
  const latencies: number[] = [];
  const consumerBus = new KafkajsMessageBus({ brokers, clientId: 'bench-latency' });
  const subscription = await consumerBus.subscribe({
    groupId: `latency-${randomUUID()}`,
    topics: [topicFor(category)],
    fromBeginning: false,
    handle: async (messages) => {
      const now = performance.now();
      for (const m of messages) {
        const at = appendedAt.get(m.headers.ce_id);
        if (at !== undefined) latencies.push(now - at);
      }
    },
  });
  await new Promise((r) => setTimeout(r, 3000)); // let the consumer join before the clock starts
  // Skip what is already there: the latency relay starts at the head.
  const head = await store.headCheckpoint();
  await dataSource.query(
    `INSERT INTO relay_checkpoints (relay_name, transaction_id, global_position) VALUES ($1, $2::xid8, $3)`,
    [name, head!.transactionId, head!.globalPosition],
  );
  await relay.start();
  for (let i = 0; i < 1000; i++) {
    const [event] = benchEvents(i, 1);
    const before = performance.now();
    await store.append(`${category}-${randomUUID()}`, 'no-stream', [event]);
    appendedAt.set(event.eventId, before);
    await new Promise((r) => setTimeout(r, Math.max(0, 5 - (performance.now() - before))));
  }
  const deadline = Date.now() + 30_000;
  while (latencies.length < 1000 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  await relay.stop();
  await subscription.stop();
  await consumerBus.close();
  if (latencies.length < 1000)
    throw new Error(`only ${latencies.length} of 1000 latency probes arrived`);
  latencies.sort((a, b) => a - b);
  return {
    p50: round2(latencies[Math.floor(latencies.length * 0.5)]),
    p99: round2(latencies[Math.floor(latencies.length * 0.99)]),
  };
}
