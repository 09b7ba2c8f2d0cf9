import { Pool } from 'pg';

/** The raw baseline: a bare table of the same shape as `events`, with the same number of indexes. */
export async function createRawTable(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE TABLE raw_events (
      global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id       text NOT NULL,
      stream_position bigint NOT NULL,
      event_id        uuid NOT NULL UNIQUE,
      type            text NOT NULL,
      schema_version  integer NOT NULL,
      data            jsonb NOT NULL,
      metadata        jsonb NOT NULL,
      recorded_at     timestamptz NOT NULL DEFAULT now(),
      hash            bytea NOT NULL,
      UNIQUE (stream_id, stream_position))`);
}

const HASH = Buffer.alloc(32, 7);

export function rawInsertOne(
  pool: Pool,
  streamId: string,
  eventId: string,
  data: string,
  metadata: string,
) {
  return pool.query(
    `INSERT INTO raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata, hash)
     VALUES ($1, 1, $2, 'StatementRecorded', 1, $3, $4, $5)`,
    [streamId, eventId, data, metadata, HASH],
  );
}

export function rawInsertMany(
  pool: Pool,
  streamId: string,
  eventIds: string[],
  data: string[],
  metadata: string[],
) {
  return pool.query(
    `INSERT INTO raw_events (stream_id, stream_position, event_id, type, schema_version, data, metadata, hash)
     SELECT $1, u.ord, u.id, 'StatementRecorded', 1, u.data, u.meta, $5
       FROM unnest($2::uuid[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS u(id, data, meta, ord)`,
    [streamId, eventIds, data, metadata, HASH],
  );
}
