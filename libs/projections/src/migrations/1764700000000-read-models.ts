import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projection machinery (checkpoints, per-stream positions for dedupe, dead letters, status)
 * and the read models. Read-model rows carry their transaction time: `known_from` is the
 * recordedAt of the event that made the row, `known_to` that of the event that replaced it
 * (null: current). "As known at K" selects known_from <= K < known_to; "as of A" filters said_on.
 */
export class ReadModels1764700000000 implements MigrationInterface {
  name = 'ReadModels1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_checkpoints (
        projection      text PRIMARY KEY,
        transaction_id  xid8 NOT NULL,
        global_position bigint NOT NULL,
        processed       bigint NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // Per stream, the last position each projection applied ({"statements": 3, …}): a
    // redelivered event at or below it is dropped. One row per stream keeps dedupe cheap;
    // \`previous\` holds the positions before the last batch (how that batch learned them).
    await db.query(`
      CREATE TABLE projection_positions (
        stream_id text PRIMARY KEY,
        positions jsonb NOT NULL,
        previous  jsonb NOT NULL
      )`);
    await db.query(`
      CREATE TABLE projection_dead_letters (
        id              bigserial PRIMARY KEY,
        projection      text NOT NULL,
        source          text NOT NULL,
        event_id        text,
        stream_id       text,
        stream_position integer,
        event_type      text,
        error           text NOT NULL,
        payload         text,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE projection_status (
        projection text PRIMARY KEY,
        source     text NOT NULL,
        lag        bigint,
        processed  bigint NOT NULL DEFAULT 0,
        errors     bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE rm_actors (
        actor_id     text PRIMARY KEY,
        name         text NOT NULL,
        kind         text NOT NULL,
        aliases      text[] NOT NULL DEFAULT '{}',
        country_code text,
        merged_into  text,
        known_from   timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX rm_actors_merged_idx ON rm_actors (merged_into) WHERE merged_into IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE rm_propositions (
        proposition_id text PRIMARY KEY,
        text           text NOT NULL,
        tags           text[] NOT NULL DEFAULT '{}',
        known_from     timestamptz NOT NULL
      )`);

    // One row per version of a statement's record.
    await db.query(`
      CREATE TABLE rm_statements (
        statement_id   uuid NOT NULL,
        version        integer NOT NULL,
        known_from     timestamptz NOT NULL,
        known_to       timestamptz,
        speaker_id     text NOT NULL,
        principal_id   text,
        actor_id       text GENERATED ALWAYS AS (coalesce(principal_id, speaker_id)) STORED,
        kind           text NOT NULL,
        cameo          text NOT NULL,
        goldstein      double precision NOT NULL,
        target_ids     text[] NOT NULL,
        quote          text,
        summary        text,
        said_on        date,
        said_precision text NOT NULL,
        confidence     double precision NOT NULL,
        stances        jsonb NOT NULL,
        provenance     jsonb NOT NULL,
        status         text NOT NULL,
        retracted_on   date,
        withdrawal     jsonb,
        corrections    integer NOT NULL,
        source_ids     text[] NOT NULL,
        search         tsvector GENERATED ALWAYS AS
                         (to_tsvector('english', coalesce(quote, '') || ' ' || coalesce(summary, ''))) STORED,
        PRIMARY KEY (statement_id, version)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX rm_statements_current_idx ON rm_statements (statement_id) WHERE known_to IS NULL`,
    );
    await db.query(`CREATE INDEX rm_statements_actor_idx ON rm_statements (actor_id, said_on)`);
    await db.query(`CREATE INDEX rm_statements_speaker_idx ON rm_statements (speaker_id, said_on)`);
    await db.query(
      `CREATE INDEX rm_statements_targets_idx ON rm_statements USING gin (target_ids)`,
    );
    await db.query(`CREATE INDEX rm_statements_search_idx ON rm_statements USING gin (search)`);

    // The stances of each statement version, for positions and alerts.
    await db.query(`
      CREATE TABLE rm_stances (
        statement_id   uuid NOT NULL,
        version        integer NOT NULL,
        proposition_id text NOT NULL,
        stance         text NOT NULL,
        actor_id       text NOT NULL,
        speaker_id     text NOT NULL,
        principal_id   text,
        said_on        date,
        status         text NOT NULL,
        retracted_on   date,
        known_from     timestamptz NOT NULL,
        known_to       timestamptz,
        -- The stance of the row before this one (by said_on, statement_id) in the actor's and in
        -- the speaker's chain on this proposition. Kept for chain rows only — current, standing,
        -- dated — so positions and shifts read without walking every stance.
        actor_previous   text,
        speaker_previous text,
        PRIMARY KEY (statement_id, version, proposition_id)
      )`);
    // The chains in walk order (positions of an actor with 100,000 stances read a few rows),
    // and their shifts. Past versions (knownAt) are read through the primary key and sorted.
    const chain = `known_to IS NULL AND status = 'recorded' AND said_on IS NOT NULL`;
    for (const [name, columns, where] of [
      ['rm_stances_actor_idx', 'actor_id, proposition_id, said_on, statement_id', chain],
      ['rm_stances_speaker_idx', 'speaker_id, proposition_id, said_on, statement_id', chain],
      ['rm_stances_proposition_idx', 'proposition_id, actor_id, said_on, statement_id', chain],
      [
        'rm_stances_actor_shifts_idx',
        'actor_id, proposition_id, said_on, statement_id',
        `${chain} AND actor_previous <> stance`,
      ],
      [
        'rm_stances_speaker_shifts_idx',
        'speaker_id, proposition_id, said_on, statement_id',
        `${chain} AND speaker_previous <> stance`,
      ],
    ])
      await db.query(
        `CREATE INDEX ${name} ON rm_stances (${columns}) INCLUDE (stance) WHERE ${where}`,
      );

    // Relations: each statement's current contribution, and the bucketed sums it feeds.
    await db.query(`
      CREATE TABLE rm_relation_contributions (
        statement_id uuid PRIMARY KEY,
        speaker_id   text NOT NULL,
        principal_id text,
        target_ids   text[] NOT NULL,
        kind         text NOT NULL,
        goldstein    double precision NOT NULL,
        said_on      date,
        counted      boolean NOT NULL
      )`);
    await db.query(`
      CREATE TABLE rm_relation_buckets (
        from_id       text NOT NULL,
        target_id     text NOT NULL,
        granularity   text NOT NULL,
        bucket        date NOT NULL,
        kind          text NOT NULL,
        statements    integer NOT NULL,
        -- Goldstein weights have one decimal: summed exactly, in tenths, whatever the order.
        goldstein_tenths bigint NOT NULL,
        PRIMARY KEY (from_id, target_id, granularity, bucket, kind)
      )`);
    await db.query(
      `CREATE INDEX rm_relation_buckets_target_idx ON rm_relation_buckets (target_id, granularity, bucket)`,
    );

    await db.query(`
      CREATE TABLE rm_accusations (
        accusation_id text PRIMARY KEY,
        statement_id  uuid NOT NULL,
        accuser_id    text NOT NULL,
        accused_ids   text[] NOT NULL,
        allegation    text NOT NULL,
        known_from    timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX rm_accusations_accuser_idx ON rm_accusations (accuser_id)`);
    await db.query(
      `CREATE INDEX rm_accusations_accused_idx ON rm_accusations USING gin (accused_ids)`,
    );
    await db.query(`
      CREATE TABLE rm_accusation_responses (
        accusation_id text NOT NULL,
        position      integer NOT NULL,
        response      text NOT NULL,
        statement_id  uuid NOT NULL,
        respondent_id text NOT NULL,
        known_from    timestamptz NOT NULL,
        PRIMARY KEY (accusation_id, position)
      )`);

    // Analysts' decisions on alerts (alerts themselves are derived at query time).
    await db.query(`
      CREATE TABLE rm_alert_reviews (
        alert_id   text NOT NULL,
        version    integer NOT NULL,
        state      text NOT NULL,
        reason     text NOT NULL,
        reviewed_by text,
        known_from timestamptz NOT NULL,
        known_to   timestamptz,
        PRIMARY KEY (alert_id, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'rm_alert_reviews',
      'rm_accusation_responses',
      'rm_accusations',
      'rm_relation_buckets',
      'rm_relation_contributions',
      'rm_stances',
      'rm_statements',
      'rm_propositions',
      'rm_actors',
      'projection_status',
      'projection_dead_letters',
      'projection_positions',
      'projection_checkpoints',
    ])
      await db.query(`DROP TABLE ${table}`);
  }
}
