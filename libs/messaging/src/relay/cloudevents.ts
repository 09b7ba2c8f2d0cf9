/**
 * How a stored event goes on Kafka: CloudEvents 1.0 in binary mode. The value is the event
 * data as JSON; the envelope travels in headers. Topic per aggregate type, key = stream id.
 */
import type { RecordedEvent } from '@app/event-store';
import { streamCategory } from '@app/event-store';
import type { OutgoingMessage } from '../message-bus';

export const TOPIC_PREFIX = 'statement-tracker';
export const CE_SOURCE = 'urn:statement-tracker:event-store';

/** "statement" → "statement-tracker.statements.v1". */
export function topicFor(category: string): string {
  return `${TOPIC_PREFIX}.${category}s.v1`;
}

export function toCloudEvent(event: RecordedEvent): OutgoingMessage {
  const metadata = event.metadata ?? {};
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: event.eventId,
    ce_type: `${TOPIC_PREFIX}.${event.type}.v${event.schemaVersion}`,
    ce_source: CE_SOURCE,
    ce_subject: event.streamId,
    ce_time: event.recordedAt.toISOString(),
    'content-type': 'application/json',
    st_stream_version: String(event.streamPosition),
    st_global_position: String(event.globalPosition),
    st_transaction_id: event.transactionId,
  };
  for (const [header, key] of [
    ['st_correlation_id', 'correlationId'],
    ['st_causation_id', 'causationId'],
    ['st_user', 'userId'],
  ] as const) {
    const value = metadata[key];
    if (typeof value === 'string') headers[header] = value;
  }
  return {
    topic: topicFor(streamCategory(event.streamId)),
    key: event.streamId,
    value: JSON.stringify(event.data),
    headers,
  };
}
