/** What a caller hands to append(): the event as data, with its own id for idempotent retries. */
export interface NewEvent<Data = unknown> {
  /** UUID chosen by the caller; appending the same id again is a no-op that returns the original. */
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: Data;
  metadata?: EventMetadata;
}

/** Who caused the event and why; free to carry more keys. */
export interface EventMetadata {
  /** The API key / user that wrote it. */
  userId?: string;
  correlationId?: string;
  causationId?: string;
  [key: string]: unknown;
}

export interface RecordedEvent<Data = unknown> {
  eventId: string;
  streamId: string;
  /** 1-based position inside the stream (the stream version after this event). */
  streamPosition: number;
  globalPosition: number;
  /** The writing transaction's xid8, as a decimal string. */
  transactionId: string;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** Transaction time: when the store committed the event's transaction began. */
  recordedAt: Date;
  /** Hex SHA-256 chaining this event to the previous one in its stream. */
  hash: string;
}

/**
 * - a number N ≥ 1: the stream must be at exactly version N;
 * - 'no-stream' (or 0): the stream must not exist yet;
 * - 'any': no check.
 */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface AppendedEvent {
  eventId: string;
  streamPosition: number;
  globalPosition: number;
}

export interface AppendResult {
  streamId: string;
  /** The stream version after the append: pass it as the next expected version. */
  nextExpectedVersion: number;
  events: AppendedEvent[];
  /** True when every event id was already stored: nothing was written. */
  idempotentReplay: boolean;
}

/** A position in the global feed: events are ordered by (transactionId, globalPosition). */
export interface FeedCheckpoint {
  transactionId: string;
  globalPosition: number;
}

/**
 * An event on its way to the wire (the relay): the data stays the stored JSON text, so
 * nothing is parsed and serialised again; the envelope fields are ready-made strings.
 */
export interface EventEnvelope {
  eventId: string;
  streamId: string;
  streamPosition: number;
  globalPosition: number;
  transactionId: string;
  type: string;
  schemaVersion: number;
  /** The event data as JSON text. */
  dataJson: string;
  /** metadata.userId / correlationId / causationId as text, or null when absent. */
  userId: string | null;
  correlationId: string | null;
  causationId: string | null;
  /** Transaction time as ISO 8601 UTC with milliseconds, like Date.toISOString(). */
  recordedAt: string;
}

/** The envelope of an event already in memory (same fields as EventStore.readFeedEnvelopes). */
export function toEnvelope(event: RecordedEvent): EventEnvelope {
  const text = (value: unknown) =>
    value === undefined || value === null
      ? null
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    streamPosition: event.streamPosition,
    globalPosition: event.globalPosition,
    transactionId: event.transactionId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    dataJson: JSON.stringify(event.data),
    userId: text(event.metadata?.userId),
    correlationId: text(event.metadata?.correlationId),
    causationId: text(event.metadata?.causationId),
    recordedAt: event.recordedAt.toISOString(),
  };
}

export interface FeedPage<Event = RecordedEvent> {
  events: Event[];
  /** Pass as `after` to read on; equals the input checkpoint when nothing new was visible. */
  checkpoint: FeedCheckpoint | null;
  /** True when fewer than `limit` events came back: the reader is at the visible head. */
  caughtUp: boolean;
}

export interface StreamInfo {
  streamId: string;
  category: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  lastHash: string;
}

export const ORIGIN: FeedCheckpoint = { transactionId: '0', globalPosition: 0 };

/** Checkpoints travel as text (CLI flags, read-model tables): "<transactionId>:<globalPosition>". */
export function formatCheckpoint(checkpoint: FeedCheckpoint): string {
  return `${checkpoint.transactionId}:${checkpoint.globalPosition}`;
}

export function parseCheckpoint(text: string): FeedCheckpoint {
  const match = /^(\d{1,20}):(\d{1,16})$/.exec(text.trim());
  if (!match)
    throw new Error(`Invalid feed checkpoint "${text}": expected <transactionId>:<globalPosition>`);
  return { transactionId: match[1], globalPosition: Number(match[2]) };
}

/** The aggregate type of a stream: the part of its id before the first '-' ("statement-…" → "statement"). */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}
