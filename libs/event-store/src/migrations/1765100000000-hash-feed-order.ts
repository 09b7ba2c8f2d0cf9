import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hash version 2: an event's hash also binds its place in the global feed (transaction_id and
 * global_position), so moving an event in the feed breaks its hash, not only the seal over it.
 *
 * events.hash_version says which definition an event's hash uses. Events stored before this
 * migration keep version 1 and their hashes are never rewritten (auditors replay history as it
 * was written); st_append_events() now takes the transaction id and the feed positions up front,
 * hashes with them (st_event_hash_v2) and stores version 2. The column's default stays 1: an
 * append that was already running the old function body when this migration committed inserts
 * a version-1 hash without naming the column, and must be labelled as such.
 */
export class HashFeedOrder1765100000000 implements MigrationInterface {
  name = 'HashFeedOrder1765100000000';

  async up(db: QueryRunner): Promise<void> {
    // A constant default: existing rows read 1 without a table rewrite.
    await db.query(`ALTER TABLE events ADD COLUMN hash_version smallint NOT NULL DEFAULT 1`);
    // Same shape and volatility as st_event_hash (see 1764300000000-event-store.ts), with a
    // version tag and the feed position in front of the content.
    await db.query(`
      CREATE FUNCTION st_event_hash_v2(
        prev bytea, transaction_id xid8, global_position bigint, stream_id text, stream_position bigint,
        event_id uuid, type text, schema_version integer, data jsonb, metadata jsonb, recorded_at timestamptz
      ) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT sha256(prev || convert_to(concat_ws(E'\\n',
          'v2', transaction_id::text, global_position::text,
          stream_id, stream_position::text, event_id::text, type, schema_version::text,
          data::text, metadata::text,
          ((extract(epoch FROM recorded_at) * 1000000)::bigint)::text), 'UTF8'))
      $$`);
    await db.query(APPEND_EVENTS_V2);
  }

  async down(db: QueryRunner): Promise<void> {
    // Dropping the column would leave version-2 hashes that nothing can tell from forgeries.
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM events WHERE hash_version IS DISTINCT FROM 1`,
    );
    if (n > 0)
      throw new Error(
        `cannot revert HashFeedOrder1765100000000: ${n} events carry version-2 hashes, which the previous schema cannot verify`,
      );
    await db.query(APPEND_EVENTS_V1);
    await db.query(
      `DROP FUNCTION st_event_hash_v2(bytea, xid8, bigint, text, bigint, uuid, text, integer, jsonb, jsonb, timestamptz)`,
    );
    await db.query(`ALTER TABLE events DROP COLUMN hash_version`);
  }
}

/**
 * st_append_events() as in 1764300000000-event-store.ts, except that once the checks pass it
 * takes the transaction id and one sequence value per event (ascending, so feed order within
 * the batch is stream order), hashes with them and inserts them explicitly. Positions are
 * taken again on a retry after a creation clash, so they keep rising along each stream.
 */
const APPEND_EVENTS_V2 = `
      CREATE OR REPLACE FUNCTION st_append_events(
        p_stream_id text, p_category text, p_expected bigint,
        p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb, p_metadata jsonb
      ) RETURNS TABLE (event_id uuid, stream_position bigint, global_position bigint, replayed boolean)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        v_count     integer := cardinality(p_event_ids);
        v_now       timestamptz := now();
        v_xid       xid8;
        v_positions bigint[];
        v_version   bigint;
        v_hash      bytea;
        v_hashes    bytea[];
        v_creating  boolean;
        v_lock      boolean := p_expected IS DISTINCT FROM 0;
        v_found     integer;
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

          -- The feed position each event will have: the column defaults' values, taken now.
          v_xid := pg_current_xact_id();
          IF v_count = 1 THEN
            v_positions := ARRAY[nextval('events_global_position_seq')];
          ELSE
            v_positions := ARRAY(SELECT nextval('events_global_position_seq')
                                   FROM generate_series(1, v_count) ORDER BY 1);
          END IF;

          -- Chain each event's hash onto the previous one (inline: a nested function call
          -- costs more than the hashing).
          v_hashes := '{}';
          FOR i IN 1 .. v_count LOOP
            v_hash := st_event_hash_v2(v_hash, v_xid, v_positions[i], p_stream_id, v_version + i,
              p_event_ids[i], p_types[i], p_schema_versions[i], p_data -> (i - 1), p_metadata -> (i - 1), v_now);
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
            INSERT INTO events (global_position, transaction_id, hash_version, stream_id, stream_position,
                                event_id, type, schema_version, data, metadata, recorded_at, hash)
            VALUES (v_positions[1], v_xid, 2, p_stream_id, v_version + 1, p_event_ids[1], p_types[1],
                    p_schema_versions[1], p_data -> 0, p_metadata -> 0, v_now, v_hashes[1])
            RETURNING event_id, stream_position, global_position, false;
        ELSE
          RETURN QUERY
            INSERT INTO events (global_position, transaction_id, hash_version, stream_id, stream_position,
                                event_id, type, schema_version, data, metadata, recorded_at, hash)
            SELECT u.pos, v_xid, 2, p_stream_id, v_version + u.ord, u.id, u.type, u.sv,
                   p_data -> (u.ord::int - 1), p_metadata -> (u.ord::int - 1), v_now, u.hash
              FROM unnest(p_event_ids, p_types, p_schema_versions, v_hashes, v_positions)
                   WITH ORDINALITY AS u(id, type, sv, hash, pos, ord)
            RETURNING event_id, stream_position, global_position, false;
        END IF;
      END
      $$`;

/** st_append_events() exactly as 1764300000000-event-store.ts created it (for down). */
const APPEND_EVENTS_V1 = `
      CREATE OR REPLACE FUNCTION st_append_events(
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
      $$`;
