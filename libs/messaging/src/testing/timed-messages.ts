/**
 * For specs of consumer-group tools: messages written at chosen times, a group that reads a topic
 * to its end and commits, and the group's committed offsets as the broker has them. kafkajs
 * stays inside libs/messaging: specs elsewhere use this, not the client.
 */
import { Admin, Kafka, logLevel } from 'kafkajs';
import { retriedAdminCall } from '../consumer-group-replay';
import { LazyAdmin } from '../lazy-admin';
import { KafkajsMessageBus } from '../kafkajs-message-bus';
import type { Subscription } from '../message-bus';

export interface TimedMessage {
  partition: number;
  value: string;
  /** When it happened (ms since the epoch): the message's CreateTime. */
  timestamp: number;
}

export class TimedMessages {
  readonly bus: KafkajsMessageBus;
  private readonly kafka: Kafka;
  private readonly admin: LazyAdmin;

  constructor(brokers: string[]) {
    this.bus = new KafkajsMessageBus({ brokers, clientId: 'st-test-timed' });
    this.kafka = new Kafka({ clientId: 'st-test-timed', brokers, logLevel: logLevel.NOTHING });
    this.admin = new LazyAdmin(this.kafka);
  }

  /** A new topic holding `messages`, each in its partition with its timestamp, in order. */
  async createTopic(topic: string, partitions: number, messages: TimedMessage[]): Promise<void> {
    await this.bus.ensureTopics([{ topic, partitions, config: { 'retention.ms': '-1' } }]);
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({
          partition: m.partition,
          value: m.value,
          timestamp: String(m.timestamp),
        })),
      });
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * Joins `group` and reads `topic` from the group's committed offsets to the end of every
   * partition, commits, and leaves: the values read, in partition then offset order.
   */
  async readToEnd(group: string, topic: string): Promise<string[]> {
    const ends = await this.ends(topic);
    // Partitions where the group already is at the end give no batch.
    const next = new Map<number, bigint>(
      [...(await this.committed(group, topic))].map(([p, offset]) => [p, BigInt(offset)]),
    );
    const read = new Map<number, string[]>();
    const done = () => [...ends].every(([p, end]) => end === 0n || (next.get(p) ?? -1n) >= end);
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const subscription = await this.bus.subscribe({
      groupId: group,
      topics: [topic],
      fromBeginning: true,
      handle: async (messages) => {
        for (const m of messages) {
          read.set(m.partition, [...(read.get(m.partition) ?? []), m.value!.toString()]);
          next.set(m.partition, BigInt(m.offset) + 1n);
        }
        if (done()) finish();
      },
    });
    try {
      if (!done()) await withTimeout(finished, 60_000, `reading ${topic} to its end`);
      await until(async () => {
        const now = await this.committed(group, topic);
        return [...ends].every(([p, end]) => end === 0n || now.get(p) === String(end));
      });
    } finally {
      await subscription.stop();
    }
    return [...read.keys()].sort((a, b) => a - b).flatMap((p) => read.get(p)!);
  }

  /** A member of `group` on `topic` that reads nothing new (call stop to leave). */
  async member(group: string, topic: string): Promise<Subscription> {
    const subscription = await this.bus.subscribe({
      groupId: group,
      topics: [topic],
      handle: async () => undefined,
    });
    await until(() => (subscription.status().assignment[topic] ?? []).length > 0);
    return subscription;
  }

  /** The group's committed offsets on `topic`, by partition (absent: none). */
  async committed(group: string, topic: string): Promise<Map<number, string>> {
    const admin = await this.connect();
    const [offsets] = await retriedAdminCall(() =>
      admin.fetchOffsets({ groupId: group, topics: [topic] }),
    );
    return new Map(
      offsets.partitions
        .filter((p) => Number(p.offset) >= 0)
        .map((p) => [p.partition, p.offset] as const),
    );
  }

  /** Deletes the topics and groups (those that exist), then disconnects. */
  async cleanUp(topics: string[], groups: string[]): Promise<void> {
    const admin = await this.connect();
    const known = new Set(
      (await retriedAdminCall(() => admin.listGroups())).groups.map((g) => g.groupId),
    );
    const present = groups.filter((g) => known.has(g));
    if (present.length > 0) await admin.deleteGroups(present);
    await this.bus.deleteTopics(topics);
    await this.bus.close();
    await this.admin.close();
  }

  private async ends(topic: string): Promise<Map<number, bigint>> {
    const admin = await this.connect();
    return new Map(
      (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)] as const),
    );
  }

  private connect(): Promise<Admin> {
    return this.admin.get();
  }
}

async function until(check: () => boolean | Promise<boolean>, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
