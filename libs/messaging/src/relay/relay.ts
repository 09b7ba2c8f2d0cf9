/**
 * The relay: follows the store's gap-safe feed and publishes every event to Kafka, in feed
 * order. The checkpoint moves only after the broker acknowledged (acks=all), so a crash or a
 * broker outage replays from the last acknowledged event, never skips one. What it replays is
 * first held against the last message of each partition (PublishedTails), so an event whose
 * acknowledgement was lost is not published twice. Outages of any length are retried.
 */
import { DataSource } from 'typeorm';
import { EventEnvelope, FeedCheckpoint, FeedPage, PostgresEventStore } from '@app/event-store';
import type { MessageBus } from '../message-bus';
import { envelopeToCloudEvent, topicFor } from './cloudevents';
import { PublishedTails } from './published-tails';

/** Failing for longer than this (ms) makes the relay unhealthy. */
export const RELAY_UNHEALTHY_AFTER_MS = 5_000;
/** A publish not acknowledged after this long (ms) makes it unhealthy too (the client retries). */
export const RELAY_PUBLISH_STALLED_AFTER_MS = 10_000;

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
  /** Events found already in Kafka when replaying (after a lost acknowledgement or a restart). */
  alreadyPublished: number;
  errors: number;
  lastError: string | null;
  /** When the current run of failures began (ISO time), or null while the relay makes progress. */
  failingSince: string | null;
  checkpoint: FeedCheckpoint | null;
  running: boolean;
}

export class Relay {
  private checkpoint: FeedCheckpoint | null = null;
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Read the partition tails before the next publish (at start, and after a failed publish). */
  private checkTails = true;
  private tails: PublishedTails | null = null;
  /** When the publish now waiting for its acknowledgement began (ms), or null. */
  private publishingSince: number | null = null;
  private readonly stats: RelayStats = {
    published: 0,
    alreadyPublished: 0,
    errors: 0,
    lastError: null,
    failingSince: null,
    checkpoint: null,
    running: false,
  };

  constructor(
    private readonly store: PostgresEventStore,
    private readonly bus: MessageBus,
    private readonly dataSource: DataSource,
    private readonly options: RelayOptions,
  ) {}

  /**
   * Create the topics (infinite retention: Kafka as a replayable log) and start following the
   * feed. A broker that is down at start does not stop the relay: it keeps trying in its loop.
   */
  async start(): Promise<void> {
    try {
      await this.ensureTopics();
    } catch (error) {
      this.stats.errors += 1;
      this.stats.lastError = (error as Error).message;
      this.stats.failingSince = new Date().toISOString();
      this.options.log?.(
        `relay ${this.options.name}: topics not ensured (${(error as Error).message}); retrying`,
      );
    }
    this.checkpoint = await this.loadCheckpoint();
    this.stats.checkpoint = this.checkpoint;
    this.stats.running = true;
    this.loop = this.run();
  }

  private topicsReady = false;

  private async ensureTopics(): Promise<void> {
    await this.bus.ensureTopics(
      this.options.categories.map((category) => ({
        topic: topicFor(category),
        partitions: this.options.partitions,
        config: { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete' },
      })),
    );
    this.topicsReady = true;
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

  /**
   * Running and making progress: no failure lasting longer than RELAY_UNHEALTHY_AFTER_MS, no
   * publish waiting longer than RELAY_PUBLISH_STALLED_AFTER_MS for the broker.
   */
  healthy(now = Date.now()): boolean {
    const since = this.stats.failingSince;
    return (
      this.stats.running &&
      (since === null || now - Date.parse(since) < RELAY_UNHEALTHY_AFTER_MS) &&
      (this.publishingSince === null || now - this.publishingSince < RELAY_PUBLISH_STALLED_AFTER_MS)
    );
  }

  /** Events visible in the feed that this relay has not published yet. */
  async lag(): Promise<number> {
    return this.store.eventsAfter(this.checkpoint);
  }

  private async run(): Promise<void> {
    const size = this.options.batchSize ?? 500;
    const topics = this.options.categories.map(topicFor);
    let backoff = 200;
    // The next page is read while the current one is being published (read-ahead).
    let next: Promise<FeedPage<EventEnvelope>> | null = null;
    let saving: Promise<void> = Promise.resolve();
    while (!this.stopped) {
      let publishing = false;
      try {
        if (!this.topicsReady) await this.ensureTopics();
        const page = await (next ?? this.store.readFeedEnvelopes(this.checkpoint, size));
        next = null;
        if (page.events.length > 0) {
          next = this.store.readFeedEnvelopes(page.checkpoint, size);
          next.catch(() => undefined); // a failed read-ahead is retried from the checkpoint
          publishing = true;
          this.publishingSince = Date.now();
          if (this.checkTails) {
            this.tails = await PublishedTails.read(this.bus, topics);
            this.checkTails = false;
          }
          let messages = page.events.map(envelopeToCloudEvent);
          if (this.tails) {
            const tails = this.tails;
            const fresh = messages.filter((m, i) => !tails.published(m.topic, page.events[i]));
            this.stats.alreadyPublished += messages.length - fresh.length;
            messages = fresh;
          }
          await this.bus.publish(messages);
          publishing = false;
          this.publishingSince = null;
          // Acknowledged: move on in memory now; persist in the background while the next
          // batch is published (saves stay in order; a crash replays at most two batches).
          this.checkpoint = page.checkpoint;
          this.stats.checkpoint = page.checkpoint;
          this.stats.published += messages.length;
          if (this.tails?.passedBy(this.checkpoint)) this.tails = null;
          await saving;
          saving = this.saveCheckpoint(page.checkpoint!, messages.length);
          saving.catch(() => undefined); // surfaced by the next `await saving`
        }
        backoff = 200;
        this.stats.failingSince = null;
        if (page.caughtUp) {
          next = null;
          await this.sleep(this.options.idleMs ?? 20);
        }
      } catch (error) {
        next = null;
        this.publishingSince = null;
        // The broker may have stored part of what it did not acknowledge: look before resending.
        if (publishing) this.checkTails = true;
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.stats.failingSince ??= new Date().toISOString();
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
