import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type {
  IncomingMessage,
  MessageBus,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
  TopicSpec,
} from './message-bus';

export interface KafkajsOptions {
  brokers: string[];
  clientId: string;
}

/** MessageBus over kafkajs 2.2.4: idempotent producer, acks from all in-sync replicas. */
export class KafkajsMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();

  constructor(options: KafkajsOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
  }

  async deleteTopics(topics: string[]): Promise<void> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(message);
      byTopic.set(message.topic, list);
    }
    try {
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      // After a broker outage the producer can be left in a state it won't leave on its own
      // (closed connections, a fenced producer id): drop it; the next publish starts afresh.
      this.producer = undefined;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({ groupId: options.groupId });
    this.consumers.add(consumer);
    await consumer.connect();
    await consumer.subscribe({
      topics: options.topics,
      fromBeginning: options.fromBeginning ?? true,
    });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: options.concurrency ?? 1,
      eachBatch: async ({ batch }) => {
        const messages: IncomingMessage[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key ? m.key.toString() : null,
          value: m.value,
          headers: Object.fromEntries(
            Object.entries(m.headers ?? {}).map(([name, value]) => [
              name,
              value === undefined ? '' : String(value),
            ]),
          ),
          timestamp: m.timestamp,
        }));
        await options.handle(messages);
      },
    });
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async consumerLag(groupId: string, topics: string[]): Promise<number> {
    const admin = await this.getAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics });
    let lag = 0;
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = Number(at) >= 0 ? Number(at) : Number(end.low);
        lag += Math.max(0, Number(end.high) - from);
      }
    }
    return lag;
  }

  async close(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect();
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    if (this.admin) await (await this.admin).disconnect();
    this.producer = undefined;
    this.admin = undefined;
  }

  private getProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  private getAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }
}
