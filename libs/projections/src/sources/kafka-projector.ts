/**
 * Runs projections from Kafka: one consumer group over the event topics, scaling out by
 * partitions (apps/projector). Each partition is a lane: the relay fills it in store feed order,
 * so a partition batch is applied in one Postgres transaction together with the partition's
 * feed position, and its offsets are committed to Kafka after that transaction. A crash replays
 * the batch, a relay restart may publish events again, and the position drops both. A message that cannot be read or applied
 * goes to the dead-letter topic, with the error in its headers, and the partition goes on.
 */
import { DataSource } from 'typeorm';
import {
  EVENT_CATEGORIES,
  IncomingMessage,
  MessageBus,
  Subscription,
  topicFor,
} from '@app/messaging';
import { READ_MODEL_SOURCE } from '../changes/alert-announcer';
import { Batch, DeadLetter, ProjectionEngine } from '../engine';
import { parseCloudEventType, Projection, ProjectionEvent } from '../projection';

export const DEAD_LETTER_TOPIC = 'statement-tracker.projections.dlq.v1';
export const PROJECTOR_GROUP = 'statement-tracker-projector';

/** A CloudEvents binary-mode message → the event; throws naming what is wrong. */
export function fromMessage(message: IncomingMessage): ProjectionEvent {
  const h = message.headers;
  for (const header of [
    'ce_id',
    'ce_type',
    'ce_time',
    'st_stream_version',
    'st_global_position',
    'st_transaction_id',
  ])
    if (!h[header]) throw new Error(`message without ${header}`);
  const streamId = h.ce_subject || message.key;
  if (!streamId) throw new Error('message without ce_subject or key');
  const { type, schemaVersion } = parseCloudEventType(h.ce_type);
  const streamPosition = Number(h.st_stream_version);
  if (!Number.isInteger(streamPosition) || streamPosition < 1)
    throw new Error(`bad st_stream_version "${h.st_stream_version}"`);
  const globalPosition = Number(h.st_global_position);
  if (!Number.isSafeInteger(globalPosition) || globalPosition < 1)
    throw new Error(`bad st_global_position "${h.st_global_position}"`);
  if (!/^\d{1,20}$/.test(h.st_transaction_id))
    throw new Error(`bad st_transaction_id "${h.st_transaction_id}"`);
  const recordedAt = new Date(h.ce_time);
  if (Number.isNaN(recordedAt.getTime())) throw new Error(`bad ce_time "${h.ce_time}"`);
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString() ?? '');
  } catch (error) {
    throw new Error(`value is not JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new Error('value is not a JSON object');
  // Where Kafka messages enter the read side: the relay publishes what the domain emitted, so
  // the CloudEvents type and the JSON object are taken as the domain's event of that type
  // (older events may lack later fields; a type the domain lacks reaches no projection).
  return {
    eventId: h.ce_id,
    streamId,
    streamPosition,
    transactionId: h.st_transaction_id,
    globalPosition,
    type,
    schemaVersion,
    data,
    recordedAt,
  } as ProjectionEvent;
}

export interface KafkaProjectorOptions {
  groupId?: string;
  topics?: string[];
  /**
   * Partition batches applied at the same time, each in its own transaction (default 2): one
   * batch's rows are written while the next is parsed and folded. Needs as many connections.
   */
  concurrency?: number;
  /** See SubscribeOptions.sessionTimeoutMs: how soon partitions of a dead member move. */
  sessionTimeoutMs?: number;
  log?: (message: string) => void;
}

export type KafkaProjectorPhase = 'starting' | 'waiting-for-topics' | 'running' | 'stopped';

/** A batch failing for longer than this, or no fetch for longer than this, is unhealthy (ms). */
export const PROJECTOR_UNHEALTHY_AFTER_MS = 10_000;

export interface KafkaProjectorStatus {
  phase: KafkaProjectorPhase;
  healthy: boolean;
  /** Why not healthy (null when healthy). */
  problem: string | null;
  connected: boolean;
  /** The partitions this process holds, by topic. */
  assignment: Record<string, number[]>;
  lastFetchAt: string | null;
  restarts: number;
  missingTopics: string[];
}

export class KafkaProjector {
  private subscription?: Subscription;
  private readonly engine: ProjectionEngine;
  private readonly groupId: string;
  private readonly topics: string[];
  /** The messages of each batch in flight, by event id (dead letters carry their headers). */
  private readonly inFlight = new WeakMap<Batch, Map<string, IncomingMessage>>();
  readonly stats = { processed: 0, duplicates: 0, deadLetters: 0, errors: 0, lastError: '' };
  private phase: KafkaProjectorPhase = 'starting';
  private stopped = false;
  private missing: string[] = [];
  private failingSince: number | null = null;
  private wake?: () => void;

  constructor(
    private readonly bus: MessageBus,
    dataSource: DataSource,
    projections: readonly Projection[],
    private readonly options: KafkaProjectorOptions = {},
  ) {
    this.groupId = options.groupId ?? PROJECTOR_GROUP;
    this.topics = options.topics ?? EVENT_CATEGORIES.map(topicFor);
    this.engine = new ProjectionEngine(dataSource, projections, {
      source: 'kafka',
      keepConnection: true,
      onDeadLetters: (letters, batch) => this.publishDeadLetters(letters, batch),
    });
  }

  get names(): string[] {
    return this.engine.names;
  }

  /**
   * Subscribes once the event topics exist (the relay creates them; a projector started first
   * waits) and the broker answers; retries until then. Resolves when consuming, or on stop().
   */
  async start(): Promise<void> {
    for (let attempt = 1, delay = 500; !this.stopped; attempt++) {
      try {
        await this.bus.ensureTopics([
          { topic: DEAD_LETTER_TOPIC, partitions: 1, config: { 'retention.ms': '-1' } },
        ]);
        this.missing = await this.bus.missingTopics(this.topics);
        if (this.missing.length > 0) {
          if (this.phase !== 'waiting-for-topics' || attempt % 20 === 0)
            this.options.log?.(`projector: waiting for topics ${this.missing.join(', ')}`);
          this.phase = 'waiting-for-topics';
          await this.pause(1_000);
          continue;
        }
        this.subscription = await this.bus.subscribe({
          groupId: this.groupId,
          topics: this.topics,
          fromBeginning: true,
          concurrency: this.options.concurrency ?? 2,
          sessionTimeoutMs: this.options.sessionTimeoutMs,
          handle: (messages) => this.handle(messages),
          log: (message) => this.options.log?.(`projector: ${message}`),
        });
        this.phase = 'running';
        return;
      } catch (error) {
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.options.log?.(
          `projector: cannot start consuming (${(error as Error).message}); retrying in ${delay} ms`,
        );
        await this.pause(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.phase = 'stopped';
    this.wake?.();
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.engine.close();
  }

  /**
   * Healthy while it consumes: joined to the group, fetches coming back from the broker, and no
   * batch failing for longer than PROJECTOR_UNHEALTHY_AFTER_MS.
   */
  status(now = Date.now()): KafkaProjectorStatus {
    const consumer = this.subscription?.status();
    const lastFetchAt = consumer?.lastFetchAt ?? null;
    let problem: string | null = null;
    if (this.phase !== 'running') problem = this.phase;
    else if (!consumer?.connected)
      problem = `not connected to the group (${consumer?.lastError ?? 'joining'})`;
    else if (lastFetchAt === null || now - lastFetchAt > PROJECTOR_UNHEALTHY_AFTER_MS)
      problem = 'no answer from the broker';
    else if (this.failingSince !== null && now - this.failingSince > PROJECTOR_UNHEALTHY_AFTER_MS)
      problem = `batches failing: ${this.stats.lastError}`;
    return {
      phase: this.phase,
      healthy: problem === null,
      problem,
      connected: consumer?.connected ?? false,
      assignment: consumer?.assignment ?? {},
      lastFetchAt: lastFetchAt === null ? null : new Date(lastFetchAt).toISOString(),
      restarts: consumer?.restarts ?? 0,
      missingTopics: [...this.missing],
    };
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  lag(): Promise<number> {
    return this.bus.consumerLag(this.groupId, this.topics);
  }

  private async handle(messages: IncomingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const events: ProjectionEvent[] = [];
    const unreadable: DeadLetter[] = [];
    const inFlight = new Map<string, IncomingMessage>();
    for (const message of messages) {
      // Alerts the read models announce share the alerts topic: not events of the record.
      if (message.headers.ce_source === READ_MODEL_SOURCE) continue;
      try {
        const event = fromMessage(message);
        events.push(event);
        inFlight.set(event.eventId, message);
      } catch (error) {
        const key = `unreadable:${message.topic}:${message.partition}:${message.offset}`;
        inFlight.set(key, message);
        unreadable.push({
          projection: '*',
          event: null,
          error: (error as Error).message,
          payload: key,
        });
      }
    }
    // Short database blips are retried here; longer ones fail the batch back to the consumer,
    // which redelivers it (offsets were not committed).
    for (let attempt = 1; ; attempt++) {
      try {
        const batch: Batch = {
          lane: `${messages[0].topic}:${messages[0].partition}`,
          events,
          unreadable,
        };
        this.inFlight.set(batch, inFlight);
        const outcome = await this.engine.process(batch);
        this.failingSince = null;
        this.stats.processed += events.length;
        this.stats.duplicates += outcome.duplicates;
        this.stats.deadLetters += outcome.deadLetters.length;
        return;
      } catch (error) {
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.failingSince ??= Date.now();
        this.options.log?.(`projector: ${(error as Error).message} (attempt ${attempt})`);
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  private async publishDeadLetters(letters: DeadLetter[], batch: Batch): Promise<void> {
    const at = new Date().toISOString();
    const inFlight = this.inFlight.get(batch) ?? new Map<string, IncomingMessage>();
    await this.bus.publish(
      letters.map((letter) => {
        const original = letter.event
          ? inFlight.get(letter.event.eventId)
          : inFlight.get(letter.payload ?? '');
        if (letter.event === null && original) letter.payload = original.value?.toString() ?? '';
        return {
          topic: DEAD_LETTER_TOPIC,
          key: original?.key ?? letter.event?.streamId ?? 'unknown',
          value: original?.value ?? JSON.stringify(letter.event?.data ?? null),
          headers: {
            ...(original?.headers ?? {}),
            st_dlq_projection: letter.projection,
            st_dlq_error: letter.error.slice(0, 1000),
            st_dlq_topic: original?.topic ?? '',
            st_dlq_partition: String(original?.partition ?? ''),
            st_dlq_offset: original?.offset ?? '',
            st_dlq_at: at,
          },
        };
      }),
    );
  }
}
