/**
 * How a stored event goes on Kafka: CloudEvents 1.0 in binary mode. The value is the event
 * data as JSON; the envelope travels in headers. Topic per aggregate type, key = stream id.
 */
import type { EventEnvelope, RecordedEvent } from '@app/event-store';
import { streamCategory, toEnvelope } from '@app/event-store';
import type { OutgoingMessage } from '../message-bus';

export const TOPIC_PREFIX = 'statement-tracker';
export const CE_SOURCE = 'urn:statement-tracker:event-store';

/** The aggregate types, one event topic each (docs/asyncapi.yaml lists their channels). */
export const EVENT_CATEGORIES = [
  'actor',
  'source',
  'statement',
  'accusation',
  'proposition',
  'alert',
];

/** "statement" → "statement-tracker.statements.v1". */
export function topicFor(category: string): string {
  return `${TOPIC_PREFIX}.${category}s.v1`;
}

export function toCloudEvent(event: RecordedEvent): OutgoingMessage {
  return envelopeToCloudEvent(toEnvelope(event));
}

/** The relay's path: the envelope as read from the store, data still JSON text. */
export function envelopeToCloudEvent(event: EventEnvelope): OutgoingMessage {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.eventId,
    ce_type: `${TOPIC_PREFIX}.${event.type}.v${event.schemaVersion}`,
    ce_source: CE_SOURCE,
    ce_subject: event.streamId,
    ce_time: event.recordedAt,
    'content-type': 'application/json',
    st_stream_version: String(event.streamPosition),
    st_global_position: String(event.globalPosition),
    st_transaction_id: event.transactionId,
  };
  if (event.correlationId !== null) headers.st_correlation_id = event.correlationId;
  if (event.causationId !== null) headers.st_causation_id = event.causationId;
  if (event.userId !== null) headers.st_user = event.userId;
  return {
    topic: topicFor(streamCategory(event.streamId)),
    key: event.streamId,
    value: event.dataJson,
    headers,
  };
}
