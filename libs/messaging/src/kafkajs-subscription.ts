/**
 * A kafkajs consumer that keeps itself going: kafkajs restarts after most crashes on its own;
 * after one it will not restart from (restart: false), this starts a fresh consumer, and it
 * reports what the member holds and whether it is fetching, for health and metrics.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type {
  IncomingMessage,
  SubscribeOptions,
  Subscription,
  SubscriptionStatus,
} from './message-bus';

/** Restart back-off after a crash kafkajs gives up on (ms): doubles up to the maximum. */
const RESTART_MS = { first: 1_000, max: 15_000 };

export class KafkajsSubscription implements Subscription {
  private consumer?: Consumer;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;
  private restartDelay = RESTART_MS.first;
  private readonly state: SubscriptionStatus = {
    connected: false,
    assignment: {},
    lastFetchAt: null,
    restarts: 0,
    lastError: null,
  };

  constructor(
    private readonly kafka: Kafka,
    private readonly options: SubscribeOptions,
  ) {}

  /** Connects, subscribes and runs; rejects when the first start fails (the caller retries). */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      // Heartbeats go out between batches; a tenth of the session leaves room for a slow one.
      heartbeatInterval: Math.max(500, Math.floor((this.options.sessionTimeoutMs ?? 10_000) / 10)),
      // Idle fetches return within a second, so health sees a broker that stopped answering.
      maxWaitTimeInMs: 1_000,
    });
    this.consumer = consumer;
    this.watch(consumer);
    try {
      await consumer.connect();
      await consumer.subscribe({
        topics: this.options.topics,
        fromBeginning: this.options.fromBeginning ?? true,
      });
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: true,
        partitionsConsumedConcurrently: this.options.concurrency ?? 1,
        eachBatch: (payload) => this.handleBatch(payload),
      });
    } catch (error) {
      this.state.lastError = (error as Error).message;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  status(): SubscriptionStatus {
    return {
      ...this.state,
      assignment: Object.fromEntries(
        Object.entries(this.state.assignment).map(([topic, ps]) => [topic, [...ps]]),
      ),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.state.connected = false;
    await this.consumer?.disconnect();
  }

  private async handleBatch({ batch }: EachBatchPayload): Promise<void> {
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
    await this.options.handle(messages);
  }

  private watch(consumer: Consumer): void {
    const { events } = consumer;
    consumer.on(events.GROUP_JOIN, ({ payload }) => {
      this.state.connected = true;
      this.state.assignment = Object.fromEntries(
        Object.entries(payload.memberAssignment).map(([topic, ps]) => [
          topic,
          [...ps].sort((a, b) => a - b),
        ]),
      );
      this.restartDelay = RESTART_MS.first;
      this.options.log?.(
        `${this.options.groupId}: holds ${describeAssignment(this.state.assignment)}`,
      );
    });
    consumer.on(events.FETCH, () => {
      this.state.lastFetchAt = Date.now();
    });
    consumer.on(events.REBALANCING, () => {
      this.state.assignment = {};
    });
    consumer.on(events.CRASH, ({ payload }) => {
      this.state.connected = false;
      this.state.assignment = {};
      this.state.lastError = payload.error.message;
      this.state.restarts += 1;
      this.options.log?.(
        `${this.options.groupId}: consumer crashed (${payload.error.message}); ${payload.restart ? 'kafkajs restarts it' : 'starting a new one'}`,
      );
      if (!payload.restart) this.scheduleRestart(consumer);
    });
  }

  /** A fresh consumer in place of one kafkajs gave up on (retried until one starts). */
  private scheduleRestart(old: Consumer): void {
    if (this.stopped || this.consumer !== old) return;
    clearTimeout(this.restartTimer);
    const delay = this.restartDelay;
    this.restartDelay = Math.min(delay * 2, RESTART_MS.max);
    this.restartTimer = setTimeout(() => {
      void (async () => {
        await old.disconnect().catch(() => undefined);
        if (this.stopped) return;
        try {
          await this.start();
        } catch (error) {
          this.options.log?.(
            `${this.options.groupId}: restart failed (${(error as Error).message}); trying again`,
          );
          this.scheduleRestart(this.consumer!);
        }
      })();
    }, delay);
  }
}

export function describeAssignment(assignment: Record<string, number[]>): string {
  const parts = Object.entries(assignment)
    .filter(([, ps]) => ps.length > 0)
    .map(([topic, ps]) => `${topic}[${ps.join(',')}]`);
  return parts.length ? parts.join(' ') : 'no partitions';
}

/** A throw-away group id (for one-off reads that must not disturb a real group). */
export function oneOffGroup(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
