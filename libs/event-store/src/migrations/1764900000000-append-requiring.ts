import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * st_append_events_requiring(): an append that first checks that other streams exist (the
 * records a command refers to) and refuses with SQLSTATE SE404 naming the missing ones. A
 * command that only creates a new stream is then one statement, atomic without a transaction
 * around it: no BEGIN and COMMIT round trips. Streams are never deleted, so a reference seen
 * here stays valid after the append commits.
 */
export class AppendRequiring1764900000000 implements MigrationInterface {
  name = 'AppendRequiring1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION st_append_events_requiring(
        p_required text[],
        p_stream_id text, p_category text, p_expected bigint,
        p_event_ids uuid[], p_types text[], p_schema_versions integer[], p_data jsonb, p_metadata jsonb
      ) RETURNS TABLE (event_id uuid, stream_position bigint, global_position bigint, replayed boolean)
      LANGUAGE plpgsql AS $$
      DECLARE
        v_missing jsonb;
      BEGIN
        SELECT jsonb_agg(r ORDER BY r) INTO v_missing
          FROM unnest(p_required) AS r
         WHERE NOT EXISTS (SELECT 1 FROM streams s WHERE s.stream_id = r);
        IF v_missing IS NOT NULL THEN
          RAISE EXCEPTION 'required streams are not on record: %', v_missing
            USING ERRCODE = 'SE404', DETAIL = v_missing::text;
        END IF;
        RETURN QUERY SELECT * FROM st_append_events(p_stream_id, p_category, p_expected,
          p_event_ids, p_types, p_schema_versions, p_data, p_metadata);
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP FUNCTION st_append_events_requiring(text[], text, text, bigint, uuid[], text[], integer[], jsonb, jsonb)`,
    );
  }
}
