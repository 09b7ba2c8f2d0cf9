import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search and lists. Names, wordings and titles are matched by a search key: lower case, accents
 * and punctuation gone ("Société Générale" → "societe generale"), computed by one SQL function
 * so stored keys and query keys agree. Actors match by prefix of a name or alias, of a word in
 * one, or within a small edit distance (fuzzystrmatch); propositions and sources by word
 * prefixes (a tsvector over their keys). The sources read model is new: one row per registered
 * source, filled here from the store. Both extensions ship with Postgres (contrib) and are
 * trusted: the database owner may create them.
 */
export class Search1765300000000 implements MigrationInterface {
  name = 'Search1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    // unaccent() is STABLE (its dictionary could change); with the dictionary named it is fixed
    // for our purposes, so the key is declared IMMUTABLE and can feed generated columns.
    const [{ schema }] = await db.query(
      `SELECT n.nspname AS schema FROM pg_extension e
         JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    );
    await db.query(`
      CREATE FUNCTION st_search_key(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
        AS $$ SELECT btrim(regexp_replace(lower(${schema}.unaccent('${schema}.unaccent'::regdictionary, value)),
                                          '[^[:alnum:]]+', ' ', 'g')) $$`);
    await db.query(`
      CREATE FUNCTION st_search_keys(name text, aliases text[]) RETURNS text[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT array_agg(DISTINCT k) FROM unnest(name || aliases) AS n,
                     LATERAL st_search_key(n) AS k WHERE k <> '' $$`);
    await db.query(`
      CREATE FUNCTION st_search_words(value text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT to_tsvector('simple', coalesce(st_search_key(value), '')) $$`);

    // array_to_string() is STABLE (element output functions); for text[] it is fixed.
    await db.query(`
      CREATE FUNCTION st_search_list(items text[]) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT array_to_string(items, ' ') $$`);

    await db.query(`ALTER TABLE rm_actors ADD COLUMN search_keys text[]
                      GENERATED ALWAYS AS (st_search_keys(name, aliases)) STORED`);
    await db.query(`ALTER TABLE rm_propositions ADD COLUMN search tsvector
                      GENERATED ALWAYS AS
                        (st_search_words(proposition_id || ' ' || text || ' ' || st_search_list(tags))) STORED`);
    await db.query(`CREATE INDEX rm_propositions_search_idx ON rm_propositions USING gin (search)`);

    await db.query(`
      CREATE TABLE rm_sources (
        source_id    uuid PRIMARY KEY,
        url          text,
        publisher    text,
        title        text,
        published_at timestamptz,
        has_text     boolean NOT NULL,
        known_from   timestamptz NOT NULL,
        publisher_key text GENERATED ALWAYS AS (st_search_key(publisher)) STORED,
        search       tsvector GENERATED ALWAYS AS
                       (st_search_words(coalesce(title, '') || ' ' || coalesce(publisher, '') || ' ' ||
                                        coalesce(url, ''))) STORED
      )`);
    await db.query(`CREATE INDEX rm_sources_published_idx ON rm_sources (published_at, source_id)`);
    await db.query(`CREATE INDEX rm_sources_search_idx ON rm_sources USING gin (search)`);
    await db.query(`
      INSERT INTO rm_sources (source_id, url, publisher, title, published_at, has_text, known_from)
      SELECT (data->>'sourceId')::uuid, data->>'url', data->>'publisher', data->>'title',
             CASE WHEN data->>'publishedAt' ~ '^\\d{4}-\\d{2}-\\d{2}T'
                  THEN (data->>'publishedAt')::timestamptz END,
             coalesce(data->>'text', '') <> '', recorded_at
        FROM events WHERE type = 'SourceRegistered' AND stream_position = 1`);
    // The new read model goes on from where the others are (the store feed, or each Kafka
    // partition the projector consumed): everything up to the store's head is filled above,
    // and a registration it meets again is skipped (the projection inserts ON CONFLICT DO
    // NOTHING). A fresh database has no checkpoints: the projection starts from the origin.
    await db.query(`
      INSERT INTO projection_checkpoints (projection, lane, transaction_id, global_position,
                                          processed, previous_transaction_id, previous_global_position)
      SELECT 'sources', lane, transaction_id, global_position, 0, previous_transaction_id,
             previous_global_position
        FROM projection_checkpoints WHERE projection = 'actors'`);

    // Lists and counts by principal and by source (current versions).
    await db.query(`CREATE INDEX rm_statements_principal_idx ON rm_statements (principal_id)
                      WHERE known_to IS NULL AND principal_id IS NOT NULL`);
    await db.query(`CREATE INDEX rm_statements_sources_idx ON rm_statements USING gin (source_ids)
                      WHERE known_to IS NULL`);
    await db.query(`CREATE INDEX rm_statements_dated_idx ON rm_statements (dated_on, statement_id)
                      WHERE known_to IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM projection_checkpoints WHERE projection = 'sources'`);
    await db.query(`DROP INDEX rm_statements_dated_idx`);
    await db.query(`DROP INDEX rm_statements_sources_idx`);
    await db.query(`DROP INDEX rm_statements_principal_idx`);
    await db.query(`DROP TABLE rm_sources`);
    await db.query(`ALTER TABLE rm_propositions DROP COLUMN search`);
    await db.query(`ALTER TABLE rm_actors DROP COLUMN search_keys`);
    await db.query(`DROP FUNCTION st_search_words(text)`);
    await db.query(`DROP FUNCTION st_search_list(text[])`);
    await db.query(`DROP FUNCTION st_search_keys(text, text[])`);
    await db.query(`DROP FUNCTION st_search_key(text)`);
    // The extensions stay: other schemas of the database may use them.
  }
}
