import type { EventEnvelope, RecordedEvent } from './types';

/**
 * The columns every reader selects, in the shape rowToEvent() expects. The xid8 travels as
 * text under another name: an output column named transaction_id would make
 * `ORDER BY transaction_id` sort the text ("10" < "9"), not the xid8.
 */
export const EVENT_COLUMNS = `global_position, transaction_id::text AS transaction_text, stream_id,
  stream_position, event_id, type, schema_version, data, metadata, recorded_at, hash`;

export interface EventRow {
  global_position: string;
  transaction_text: string;
  stream_id: string;
  stream_position: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  hash: Buffer;
}

export function rowToEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamPosition: Number(row.stream_position),
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_text,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash.toString('hex'),
  };
}

/**
 * The columns of an EventEnvelope: data as its JSON text, the metadata ids as text (->> turns
 * a non-string value into its JSON text), the time formatted by Postgres.
 */
export const ENVELOPE_COLUMNS = `global_position, transaction_id::text AS transaction_text, stream_id,
  stream_position, event_id, type, schema_version, data::text AS data_json,
  metadata->>'userId' AS user_id, metadata->>'correlationId' AS correlation_id,
  metadata->>'causationId' AS causation_id,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_iso`;

export interface EnvelopeRow {
  global_position: string;
  transaction_text: string;
  stream_id: string;
  stream_position: string;
  event_id: string;
  type: string;
  schema_version: number;
  data_json: string;
  user_id: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  recorded_iso: string;
}

export function rowToEnvelope(row: EnvelopeRow): EventEnvelope {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    streamPosition: Number(row.stream_position),
    globalPosition: Number(row.global_position),
    transactionId: row.transaction_text,
    type: row.type,
    schemaVersion: row.schema_version,
    dataJson: row.data_json,
    userId: row.user_id,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    recordedAt: row.recorded_iso,
  };
}
