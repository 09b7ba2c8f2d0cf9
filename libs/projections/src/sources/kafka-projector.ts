/**
 * Runs projections from Kafka: one consumer group over the event topics, scaling out by
 * partitions (apps/projector). Each partition batch is applied in one Postgres transaction and
 * its offsets are committed to Kafka after that transaction: a crash replays the batch, and the
 * per-stream positions drop what was already applied. A message that cannot be read or applied
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
import { DeadLetter, ProjectionEngine } from '../engine';
import { parseCloudEventType, Projection, ProjectionEvent } from '../projection';

export const DEAD_LETTER_TOPIC = 'statement-tracker.projections.dlq.v1';
export const PROJECTOR_GROUP = 'statement-tracker-projector';

/** A CloudEvents binary-mode message → the event; throws naming what is wrong. */
export function fromMessage(message: IncomingMessage): ProjectionEvent {
  const h = message.headers;
  for (const header of ['ce_id', 'ce_type', 'ce_time', 'st_stream_version'])
    if (!h[header]) throw new Error(`message without ${header}`);
  const streamId = h.ce_subject || message.key;
  if (!streamId) throw new Error('message without ce_subject or key');
  const { type, schemaVersion } = parseCloudEventType(h.ce_type);
  const streamPosition = Number(h.st_stream_version);
  if (!Number.isInteger(streamPosition) || streamPosition < 1)
    throw new Error(`bad st_stream_version "${h.st_stream_version}"`);
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
  return {
    eventId: h.ce_id,
    streamId,
    streamPosition,
    type,
    schemaVersion,
    data: data as Record<string, unknown>,
    recordedAt,
  };
}

export interface KafkaProjectorOptions {
  groupId?: string;
  topics?: string[];
  log?: (message: string) => void;
}

export class KafkaProjector {
  private subscription?: Subscription;
  private readonly engine: ProjectionEngine;
  private readonly groupId: string;
  private readonly topics: string[];
  /** The messages of the batch in flight, by event id (dead letters carry their headers). */
  private inFlight = new Map<string, IncomingMessage>();
  readonly stats = { processed: 0, duplicates: 0, deadLetters: 0, errors: 0, lastError: '' };

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
      onDeadLetters: (letters) => this.publishDeadLetters(letters),
    });
  }

  get names(): string[] {
    return this.engine.names;
  }

  async start(): Promise<void> {
    await this.bus.ensureTopics([
      { topic: DEAD_LETTER_TOPIC, partitions: 1, config: { 'retention.ms': '-1' } },
    ]);
    this.subscription = await this.bus.subscribe({
      groupId: this.groupId,
      topics: this.topics,
      fromBeginning: true,
      handle: (messages) => this.handle(messages),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.engine.close();
  }

  lag(): Promise<number> {
    return this.bus.consumerLag(this.groupId, this.topics);
  }

  private async handle(messages: IncomingMessage[]): Promise<void> {
    const events: ProjectionEvent[] = [];
    const unreadable: DeadLetter[] = [];
    this.inFlight = new Map();
    for (const message of messages) {
      try {
        const event = fromMessage(message);
        events.push(event);
        this.inFlight.set(event.eventId, message);
      } catch (error) {
        const key = `unreadable:${message.topic}:${message.partition}:${message.offset}`;
        this.inFlight.set(key, message);
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
        const outcome = await this.engine.process(events, undefined, unreadable);
        this.stats.processed += events.length;
        this.stats.duplicates += outcome.duplicates;
        this.stats.deadLetters += outcome.deadLetters.length;
        return;
      } catch (error) {
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.options.log?.(`projector: ${(error as Error).message} (attempt ${attempt})`);
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  private async publishDeadLetters(letters: DeadLetter[]): Promise<void> {
    const at = new Date().toISOString();
    await this.bus.publish(
      letters.map((letter) => {
        const original = letter.event
          ? this.inFlight.get(letter.event.eventId)
          : this.inFlight.get(letter.payload ?? '');
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
