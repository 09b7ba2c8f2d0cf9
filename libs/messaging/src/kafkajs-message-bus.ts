import { Admin, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { KafkajsSubscription, oneOffGroup } from './kafkajs-subscription';
import type {
  MessageBus,
  OutgoingMessage,
  PartitionTail,
  SubscribeOptions,
  Subscription,
  TopicSpec,
} from './message-bus';

export interface KafkajsOptions {
  brokers: string[];
  clientId: string;
}

/** How long reading partition tails may take before it counts as failed (ms). */
/** How far back from a partition's end its tail is looked for (messages). */
const TAIL_WINDOW = 1000;
const TAILS_TIMEOUT_MS = 30_000;

/**
 * MessageBus over kafkajs 2.2.4: idempotent producer, acks from all in-sync replicas. A client
 * (producer, admin) that failed to connect or to send is dropped, so the next call starts a new
 * one: kafkajs gives up after its retry window (~30 s), and a broker outage can last longer.
 */
export class KafkajsMessageBus implements MessageBus {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly subscriptions = new Set<KafkajsSubscription>();
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(private readonly options: KafkajsOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    await this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((spec) => !existing.has(spec.topic));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      });
    });
  }

  async missingTopics(topics: string[]): Promise<string[]> {
    const existing = new Set(await this.withAdmin((admin) => admin.listTopics()));
    return topics.filter((topic) => !existing.has(topic));
  }

  async deleteTopics(topics: string[]): Promise<void> {
    await this.withAdmin(async (admin) => {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((topic) => existing.has(topic));
      if (present.length > 0) await admin.deleteTopics({ topics: present });
    });
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const pending = this.getProducer();
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(message);
      byTopic.set(message.topic, list);
    }
    try {
      const producer = await pending;
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      // A producer that could not connect, or that gave up during an outage, is not reused:
      // the next publish starts a new one (the caller decides what to send again).
      if (this.producer === pending) this.producer = undefined;
      await pending.then((p) => p.disconnect()).catch(() => undefined);
      throw error;
    }
  }

  partitionFor(key: string, partitions: number): number {
    return this.partitioner({
      topic: '',
      partitionMetadata: Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 0,
      })) as never,
      message: { key, value: null },
    });
  }

  /**
   * Reads the last message of every non-empty partition with a one-off consumer (kafkajs has no
   * group-less fetch): high watermarks from the admin, then a seek to each last offset.
   */
  async partitionTails(topics: string[]): Promise<Map<string, PartitionTail[]>> {
    const tails = new Map<string, PartitionTail[]>();
    const wanted = new Map<string, Map<number, string>>();
    // Where each partition's read starts: a window before its end, since the last message may
    // not be a stored event (the read models' alert announcements share the alerts topic).
    const starts = new Map<string, string>();
    const newest = new Map<string, Record<string, string>>();
    await this.withAdmin(async (admin) => {
      for (const topic of topics) {
        const offsets = (await admin.fetchTopicOffsets(topic)).sort(
          (a, b) => a.partition - b.partition,
        );
        tails.set(
          topic,
          offsets.map((o) => ({ partition: o.partition, headers: null })),
        );
        for (const o of offsets)
          if (BigInt(o.high) > BigInt(o.low)) {
            const last = wanted.get(topic) ?? new Map<number, string>();
            last.set(o.partition, (BigInt(o.high) - 1n).toString());
            wanted.set(topic, last);
            const window = BigInt(o.high) - BigInt(TAIL_WINDOW);
            starts.set(
              `${topic}:${o.partition}`,
              (window > BigInt(o.low) ? window : BigInt(o.low)).toString(),
            );
          }
      }
    });
    let remaining = [...wanted.values()].reduce((n, m) => n + m.size, 0);
    if (remaining === 0) return tails;
    const consumer = this.kafka.consumer({
      groupId: oneOffGroup(`${this.options.clientId}-tails`),
      maxWaitTimeInMs: 100,
      retry: { retries: 2 },
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      const found = new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`partition tails not read within ${TAILS_TIMEOUT_MS} ms`)),
          TAILS_TIMEOUT_MS,
        );
        consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
        consumer
          .connect()
          .then(() => consumer.subscribe({ topics: [...wanted.keys()], fromBeginning: false }))
          .then(() =>
            consumer.run({
              autoCommit: false,
              eachBatch: async ({ batch }) => {
                const last = wanted.get(batch.topic)?.get(batch.partition);
                if (last === undefined) return;
                const key = `${batch.topic}:${batch.partition}`;
                let done = false;
                for (const message of batch.messages) {
                  if (BigInt(message.offset) > BigInt(last)) break;
                  const headers = Object.fromEntries(
                    Object.entries(message.headers ?? {}).map(([name, value]) => [
                      name,
                      value === undefined ? '' : String(value),
                    ]),
                  );
                  // The last stored event of the partition: the newest with a feed position.
                  if (headers.st_global_position) newest.set(key, headers);
                  if (message.offset === last) done = true;
                }
                if (!done) return;
                wanted.get(batch.topic)!.delete(batch.partition);
                tails.get(batch.topic)![batch.partition] = {
                  partition: batch.partition,
                  headers: newest.get(key) ?? null,
                };
                if (--remaining === 0) resolve();
              },
            }),
          )
          .then(() => {
            for (const [topic, last] of wanted)
              for (const [partition] of last)
                consumer.seek({ topic, partition, offset: starts.get(`${topic}:${partition}`)! });
          })
          .catch(reject);
      });
      await found;
      return tails;
    } finally {
      clearTimeout(timer);
      await consumer.disconnect().catch(() => undefined);
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const subscription = new KafkajsSubscription(this.kafka, options);
    await subscription.start();
    this.subscriptions.add(subscription);
    const stop = subscription.stop.bind(subscription);
    subscription.stop = async () => {
      this.subscriptions.delete(subscription);
      await stop();
    };
    return subscription;
  }

  async consumerLag(groupId: string, topics: string[]): Promise<number> {
    return this.withAdmin(async (admin) => {
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
    });
  }

  async close(): Promise<void> {
    for (const subscription of [...this.subscriptions]) await subscription.stop();
    this.subscriptions.clear();
    const producer = this.producer;
    const admin = this.admin;
    this.producer = undefined;
    this.admin = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
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

  /** Runs `work` on the shared admin client; one that fails is dropped and made anew next time. */
  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    const pending = this.admin;
    try {
      return await work(await pending);
    } catch (error) {
      if (this.admin === pending) this.admin = undefined;
      await pending.then((a) => a.disconnect()).catch(() => undefined);
      throw error;
    }
  }
}
