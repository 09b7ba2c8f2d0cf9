import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store: streams (one row per stream: version + hash head), events (append-only,
 * hash-chained per stream), seals (hash chain over the global feed order).
 *
 * Appends run in one round trip through st_append_events(): lock or create the stream head,
 * answer idempotent retries, check the expected version, chain hashes, insert, move the head.
 */
export class EventStore1764300000000 implements MigrationInterface {
  name = 'EventStore1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE streams (
        stream_id  text PRIMARY KEY,
        category   text NOT NULL,
        version    bigint NOT NULL CHECK (version >= 0),
        last_hash  bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE SEQUENCE events_global_position_seq AS bigint`);
    await db.query(`
      CREATE TABLE events (
        global_position bigint NOT NULL DEFAULT nextval('events_global_position_seq'),
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text NOT NULL,
        stream_position bigint NOT NULL,
        event_id        uuid NOT NULL,
        type            text NOT NULL,
        schema_version  integer NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        hash            bytea NOT NULL,
        CONSTRAINT events_pkey PRIMARY KEY (stream_id, stream_position),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`);
    await db.query(`ALTER SEQUENCE events_global_position_seq OWNED BY events.global_position`);
    // Serves the gap-safe feed: WHERE (transaction_id, global_position) > checkpoint ORDER BY both.
    await db.query(`CREATE INDEX events_feed_idx ON events (transaction_id, global_position)`);
    await db.query(`
      CREATE TABLE event_seals (
        seal_number          bigint PRIMARY KEY,
        to_transaction_id    xid8 NOT NULL,
        to_global_position   bigint NOT NULL,
        event_count          integer NOT NULL,
        events_digest        bytea NOT NULL,
        seal_hash            bytea NOT NULL,
        sealed_at            timestamptz NOT NULL DEFAULT now()
      )`);

    // The one definition of an event's hash; append and verify both call it. STABLE, not
    // IMMUTABLE: its body uses stable functions (convert_to, extract on timestamptz), and a
    // function declared stricter than its body is never inlined, so Postgres would re-plan
    // it in every transaction (~10x slower appends).
    await db.query(`
      CREATE FUNCTION st_event_hash(
        prev bytea, stream_id text, stream_position bigint, event_id uuid, type text,
        schema_version integer, data jsonb, metadata jsonb, recorded_at timestamptz
      ) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT sha256(prev || convert_to(concat_ws(E'\\n',
          stream_id, stream_position::text, event_id::text, type, schema_version::text,
          data::text, metadata::text,
          ((extract(epoch FROM recorded_at) * 1000000)::bigint)::text), 'UTF8'))
      $$`);

    // p_expected: NULL = any, 0 = no stream, N = exactly version N.
    // p_data / p_metadata: JSON arrays, one element per event (cheaper to send than jsonb[]).
    await db.query(`
      CREATE FUNCTION st_append_events(
        p_stream_id text, p_category text, p_expected bigint,
        p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb, p_metadata jsonb
      ) RETURNS TABLE (event_id uuid, stream_position bigint, global_position bigint, replayed boolean)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_count    integer := cardinality(p_event_ids);
        v_now      timestamptz := now();
        v_version  bigint;
        v_hash     bytea;
        v_hashes   bytea[];
        v_creating boolean;
        v_lock     boolean := p_expected IS DISTINCT FROM 0;
        v_found    integer;
      BEGIN
        <<attempt>>
        LOOP
          v_creating := false;
          IF v_lock THEN
            SELECT s.version, s.last_hash INTO v_version, v_hash
              FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
            IF NOT FOUND THEN
              IF p_expected IS NOT NULL AND p_expected <> 0 THEN
                RAISE EXCEPTION USING ERRCODE = 'SE409', MESSAGE = 'stream version conflict', DETAIL = '0';
              END IF;
              v_creating := true;
            END IF;
          ELSE
            -- 'no-stream' goes straight to creating; a clash on the head's key sends it round again.
            v_creating := true;
          END IF;

          IF v_creating THEN
            v_version := 0;
            v_hash := '\\x0000000000000000000000000000000000000000000000000000000000000000';
          ELSE
            -- Idempotent retry: every id already stored in this stream returns the original positions.
            SELECT count(*) INTO v_found FROM events e WHERE e.event_id = ANY (p_event_ids);
            IF v_found > 0 THEN
              IF v_found = v_count AND NOT EXISTS (
                   SELECT 1 FROM events e WHERE e.event_id = ANY (p_event_ids) AND e.stream_id <> p_stream_id) THEN
                RETURN QUERY SELECT e.event_id, e.stream_position, e.global_position, true
                  FROM events e WHERE e.event_id = ANY (p_event_ids) ORDER BY e.stream_position;
                RETURN;
              END IF;
              RAISE EXCEPTION USING ERRCODE = 'SE422', MESSAGE = 'event id already stored',
                DETAIL = (SELECT string_agg(e.event_id::text, ',') FROM events e WHERE e.event_id = ANY (p_event_ids));
            END IF;
            IF p_expected IS NOT NULL AND p_expected <> v_version THEN
              RAISE EXCEPTION USING ERRCODE = 'SE409', MESSAGE = 'stream version conflict', DETAIL = v_version::text;
            END IF;
          END IF;

          -- Chain each event's hash onto the previous one (inline: a nested function call
          -- costs more than the hashing).
          v_hashes := '{}';
          FOR i IN 1 .. v_count LOOP
            v_hash := st_event_hash(v_hash, p_stream_id, v_version + i, p_event_ids[i], p_types[i],
              p_schema_versions[i], p_data -> (i - 1), p_metadata -> (i - 1), v_now);
            v_hashes[i] := v_hash;
          END LOOP;

          IF v_creating THEN
            INSERT INTO streams (stream_id, category, version, last_hash, created_at, updated_at)
              VALUES (p_stream_id, p_category, v_count, v_hashes[v_count], v_now, v_now)
              ON CONFLICT (stream_id) DO NOTHING;
            IF NOT FOUND THEN
              -- The stream exists (a concurrent creator, or a retry): lock it and decide again.
              v_lock := true;
              CONTINUE attempt;
            END IF;
          ELSE
            UPDATE streams SET version = v_version + v_count, last_hash = v_hashes[v_count], updated_at = v_now
              WHERE stream_id = p_stream_id;
          END IF;
          EXIT attempt;
        END LOOP;

        IF v_count = 1 THEN
          RETURN QUERY
            INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata, recorded_at, hash)
            VALUES (p_stream_id, v_version + 1, p_event_ids[1], p_types[1], p_schema_versions[1],
                    p_data -> 0, p_metadata -> 0, v_now, v_hashes[1])
            RETURNING event_id, stream_position, global_position, false;
        ELSE
          RETURN QUERY
            INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata, recorded_at, hash)
            SELECT p_stream_id, v_version + u.ord, u.id, u.type, u.sv, p_data -> (u.ord::int - 1),
                   p_metadata -> (u.ord::int - 1), v_now, u.hash
              FROM unnest(p_event_ids, p_types, p_schema_versions, v_hashes)
                   WITH ORDINALITY AS u(id, type, sv, hash, ord)
            RETURNING event_id, stream_position, global_position, false;
        END IF;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION st_append_events(text, text, bigint, uuid[], text[], integer[], jsonb, jsonb)`,
    );
    await db.query(
      `DROP FUNCTION st_event_hash(bytea, text, bigint, uuid, text, integer, jsonb, jsonb, timestamptz)`,
    );
    await db.query(`DROP TABLE event_seals`);
    await db.query(`DROP TABLE events`);
    await db.query(`DROP TABLE streams`);
  }
}
