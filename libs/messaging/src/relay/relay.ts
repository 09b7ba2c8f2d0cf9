/**
 * The relay: follows the store's gap-safe feed and publishes every event to Kafka, in feed
 * order, at least once. The checkpoint moves only after the broker acknowledged (acks=all),
 * so a crash or a broker outage replays from the last acknowledged event, never skips one.
 */
import { DataSource } from 'typeorm';
import { EventEnvelope, FeedCheckpoint, FeedPage, PostgresEventStore } from '@app/event-store';
import type { MessageBus } from '../message-bus';
import { envelopeToCloudEvent, topicFor } from './cloudevents';

export interface RelayOptions {
  name: string;
  /** Aggregate types whose topics are created at start. */
  categories: string[];
  partitions: number;
  batchSize?: number;
  /** Wait this long when caught up before reading again (ms). */
  idleMs?: number;
  log?: (message: string) => void;
}

export interface RelayStats {
  published: number;
  errors: number;
  lastError: string | null;
  checkpoint: FeedCheckpoint | null;
  running: boolean;
}

export class Relay {
  private checkpoint: FeedCheckpoint | null = null;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly stats: RelayStats = {
    published: 0,
    errors: 0,
    lastError: null,
    checkpoint: null,
    running: false,
  };

  constructor(
    private readonly store: PostgresEventStore,
    private readonly bus: MessageBus,
    private readonly dataSource: DataSource,
    private readonly options: RelayOptions,
  ) {}

  /** Create the topics (infinite retention: Kafka as a replayable log) and start following the feed. */
  async start(): Promise<void> {
    await this.bus.ensureTopics(
      this.options.categories.map((category) => ({
        topic: topicFor(category),
        partitions: this.options.partitions,
        config: { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' },
      })),
    );
    this.checkpoint = await this.loadCheckpoint();
    this.stats.checkpoint = this.checkpoint;
    this.stats.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.stats.running = false;
  }

  snapshot(): RelayStats {
    return { ...this.stats };
  }

  /** Events visible in the feed that this relay has not published yet. */
  async lag(): Promise<number> {
    return this.store.eventsAfter(this.checkpoint);
  }

  private async run(): Promise<void> {
    const size = this.options.batchSize ?? 500;
    let backoff = 200;
    // The next page is read while the current one is being published (read-ahead).
    let next: Promise<FeedPage<EventEnvelope>> | null = null;
    let saving: Promise<void> = Promise.resolve();
    while (!this.stopped) {
      try {
        const page = await (next ?? this.store.readFeedEnvelopes(this.checkpoint, size));
        next = null;
        if (page.events.length > 0) {
          next = this.store.readFeedEnvelopes(page.checkpoint, size);
          next.catch(() => undefined); // a failed read-ahead is retried from the checkpoint
          await this.bus.publish(page.events.map(envelopeToCloudEvent));
          // Acknowledged: move on in memory now; persist in the background while the next
          // batch is published (saves stay in order; a crash replays at most one batch).
          this.checkpoint = page.checkpoint;
          this.stats.checkpoint = page.checkpoint;
          this.stats.published += page.events.length;
          await saving;
          saving = this.saveCheckpoint(page.checkpoint!, page.events.length);
          saving.catch(() => undefined); // surfaced by the next `await saving`
        }
        backoff = 200;
        if (page.caughtUp) {
          next = null;
          await this.sleep(this.options.idleMs ?? 20);
        }
      } catch (error) {
        next = null;
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.options.log?.(
          `relay ${this.options.name}: ${(error as Error).message}; retrying in ${backoff} ms`,
        );
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
        // Keep saves ordered: a save still in flight finishes before the next one starts.
        saving = saving.catch(() => undefined);
      }
    }
    await saving.catch((error: Error) =>
      this.options.log?.(`relay ${this.options.name}: last checkpoint not saved: ${error.message}`),
    );
  }

  private async loadCheckpoint(): Promise<FeedCheckpoint | null> {
    const rows = await this.dataSource.query(
      `SELECT transaction_id::text AS transaction_text, global_position FROM relay_checkpoints WHERE relay_name = $1`,
      [this.options.name],
    );
    return rows.length
      ? { transactionId: rows[0].transaction_text, globalPosition: Number(rows[0].global_position) }
      : null;
  }

  private async saveCheckpoint(checkpoint: FeedCheckpoint, published: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO relay_checkpoints (relay_name, transaction_id, global_position, published)
       VALUES ($1, $2::xid8, $3, $4)
       ON CONFLICT (relay_name) DO UPDATE
         SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position,
             published = relay_checkpoints.published + EXCLUDED.published, updated_at = now()`,
      [this.options.name, checkpoint.transactionId, checkpoint.globalPosition, published],
    );
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
