import { InvalidAppendError } from './errors';
import type { ExpectedVersion, NewEvent } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$/;
const TYPE = /^[A-Za-z][A-Za-z0-9._-]{0,199}$/;
export const MAX_EVENTS_PER_APPEND = 10_000;

export interface SerializedBatch {
  eventIds: string[];
  types: string[];
  schemaVersions: number[];
  data: string[];
  metadata: string[];
}

/** Check an append before it reaches SQL, so callers get a clear error instead of a driver one. */
export function serializeBatch(
  streamId: string,
  expected: ExpectedVersion,
  events: NewEvent[],
): SerializedBatch {
  if (!STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(
      `streamId "${streamId.slice(0, 50)}" must be 1-200 characters of letters, digits and ._:@-`,
    );
  }
  if (!(
    expected === 'any' ||
    expected === 'no-stream' ||
    (Number.isSafeInteger(expected) && expected >= 0)
  )) {
    throw new InvalidAppendError(
      `expected version must be 'any', 'no-stream' or an integer ≥ 0, got ${String(expected)}`,
    );
  }
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(`an append takes 1 to ${MAX_EVENTS_PER_APPEND} events`);
  }
  const batch: SerializedBatch = {
    eventIds: [],
    types: [],
    schemaVersions: [],
    data: [],
    metadata: [],
  };
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const where = `events[${index}]`;
    if (typeof event.eventId !== 'string' || !UUID.test(event.eventId)) {
      throw new InvalidAppendError(`${where}.eventId must be a UUID`);
    }
    const eventId = event.eventId.toLowerCase();
    if (seen.has(eventId))
      throw new InvalidAppendError(`${where}.eventId ${eventId} appears twice in one append`);
    seen.add(eventId);
    if (typeof event.type !== 'string' || !TYPE.test(event.type)) {
      throw new InvalidAppendError(`${where}.type must be a name of letters, digits and ._-`);
    }
    const schemaVersion = event.schemaVersion ?? 1;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > 1_000_000) {
      throw new InvalidAppendError(`${where}.schemaVersion must be a positive integer`);
    }
    batch.eventIds.push(eventId);
    batch.types.push(event.type);
    batch.schemaVersions.push(schemaVersion);
    batch.data.push(toJson(event.data, `${where}.data`));
    batch.metadata.push(toJson(event.metadata ?? {}, `${where}.metadata`));
  });
  return batch;
}

function toJson(value: unknown, where: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(
      `${where} is not serialisable as JSON: ${(error as Error).message}`,
    );
  }
  if (json === undefined) throw new InvalidAppendError(`${where} must be JSON data`);
  // Postgres jsonb cannot hold NUL characters.
  if (json.includes('\\u0000')) throw new InvalidAppendError(`${where} contains a NUL character`);
  return json;
}

export function expectedToSql(expected: ExpectedVersion): number | null {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return 0;
  return expected;
}
