import { MigrationInterface, QueryRunner } from 'typeorm';
import { maintainAlerts } from '../alerts/alerts.projection';

/** Past this many moments to replay, the backfill raises the current alerts in one pass. */
const EXACT_REPLAY_LIMIT = 20_000;

/**
 * Alerts become a maintained read model, and the read models keep a change log.
 * - rm_affiliations: which bodies each actor belongs to, when (the self-directed-hostility rule).
 * - rm_alerts: each alert with the stretch of record time it stood (raised → cleared).
 * - rm_changes: what the read models learned, read by the live stream and the alerts topic;
 *   change_readers: where each publisher of it stands.
 * The backfill replays the record's moments in order (as the projection would have), or for a
 * very long record raises today's alerts once; the change rows it writes are history, so the
 * publishers start after them.
 */
export class MaintainedAlerts1765500000000 implements MigrationInterface {
  name = 'MaintainedAlerts1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rm_affiliations (
        actor_id        text NOT NULL,
        affiliation_id  text NOT NULL,
        organisation_id text NOT NULL,
        role            text NOT NULL,
        valid_from      date,
        valid_to        date,
        known_from      timestamptz NOT NULL,
        PRIMARY KEY (actor_id, affiliation_id)
      )`);
    await db.query(`CREATE INDEX rm_affiliations_body_idx ON rm_affiliations (organisation_id)`);
    await db.query(`
      INSERT INTO rm_affiliations
        (actor_id, affiliation_id, organisation_id, role, valid_from, valid_to, known_from)
      SELECT e.data->>'actorId', e.data->>'affiliationId', e.data->>'organisationId',
             e.data->>'role', (e.data->>'from')::date,
             coalesce((SELECT (x.data->>'to')::date FROM events x
                        WHERE x.stream_id = e.stream_id AND x.type = 'ActorAffiliationEnded'
                          AND x.data->>'affiliationId' = e.data->>'affiliationId'
                        ORDER BY x.stream_position DESC LIMIT 1), (e.data->>'to')::date),
             e.recorded_at
        FROM events e WHERE e.type = 'ActorAffiliationAdded'
      ON CONFLICT DO NOTHING`);

    await db.query(`
      CREATE TABLE rm_alerts (
        alert_id   text NOT NULL,
        known_from timestamptz NOT NULL,
        known_to   timestamptz,
        type       text NOT NULL,
        reason     text NOT NULL,
        actor_id   text NOT NULL,
        party_ids  text[] NOT NULL,
        dated_on   date NOT NULL,
        date_basis text NOT NULL,
        evidence   text[] NOT NULL,
        details    jsonb NOT NULL,
        PRIMARY KEY (alert_id, known_from)
      )`);
    await db.query(`CREATE UNIQUE INDEX rm_alerts_current_idx ON rm_alerts (alert_id)
                      WHERE known_to IS NULL`);
    await db.query(`CREATE INDEX rm_alerts_page_idx ON rm_alerts (dated_on DESC, alert_id)
                      WHERE known_to IS NULL`);
    await db.query(`CREATE INDEX rm_alerts_subject_idx ON rm_alerts (actor_id)
                      WHERE known_to IS NULL`);
    await db.query(`CREATE INDEX rm_alerts_parties_idx ON rm_alerts USING gin (party_ids)`);
    // The rules replay an actor's stances as known at a past moment (every version, not only
    // the current chain the partial indexes hold).
    await db.query(`CREATE INDEX rm_stances_actor_versions_idx ON rm_stances (actor_id)`);
    await db.query(`CREATE INDEX rm_stances_speaker_versions_idx ON rm_stances (speaker_id)`);

    await db.query(`
      CREATE TABLE rm_changes (
        tx        xid8 NOT NULL DEFAULT pg_current_xact_id(),
        seq       bigserial NOT NULL,
        kind      text NOT NULL,
        ref       text NOT NULL,
        at        timestamptz NOT NULL,
        actor_ids text[] NOT NULL,
        data      jsonb NOT NULL,
        PRIMARY KEY (tx, seq),
        UNIQUE (kind, ref, at)
      )`);
    await db.query(`
      CREATE TABLE change_readers (
        reader     text PRIMARY KEY,
        tx         xid8 NOT NULL,
        seq        bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Statements per actor and role, kept by the statements projection (search hits show them).
    await db.query(`
      CREATE TABLE rm_actor_counts (
        actor_id   text NOT NULL,
        role       text NOT NULL,
        statements integer NOT NULL,
        PRIMARY KEY (actor_id, role)
      )`);
    await db.query(`
      INSERT INTO rm_actor_counts (actor_id, role, statements)
      SELECT actor_id, role, count(*) FROM (
        SELECT speaker_id AS actor_id, 'speaker' AS role FROM rm_statements
         WHERE known_to IS NULL AND status <> 'withdrawn'
        UNION ALL
        SELECT principal_id, 'principal' FROM rm_statements
         WHERE known_to IS NULL AND status <> 'withdrawn' AND principal_id IS NOT NULL
        UNION ALL
        SELECT x.t, 'target' FROM rm_statements s,
               LATERAL (SELECT DISTINCT t FROM unnest(s.target_ids) AS t) x
         WHERE s.known_to IS NULL AND s.status <> 'withdrawn'
      ) r GROUP BY actor_id, role`);

    for (const projection of ['alerts', 'changes'])
      await db.query(
        `INSERT INTO projection_checkpoints (projection, lane, transaction_id, global_position,
                                            processed, previous_transaction_id, previous_global_position)
         SELECT $1, lane, transaction_id, global_position, 0, previous_transaction_id,
                previous_global_position
           FROM projection_checkpoints WHERE projection = 'actors'`,
        [projection],
      );
    await backfillAlerts(db);
    // The alerts topic announces what is raised or cleared from now on, not the backfill.
    await db.query(`
      INSERT INTO change_readers (reader, tx, seq)
      SELECT 'alerts-topic', tx, seq FROM rm_changes ORDER BY tx DESC, seq DESC LIMIT 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM projection_checkpoints WHERE projection IN ('alerts', 'changes')`);
    await db.query(`DROP TABLE rm_actor_counts`);
    await db.query(`DROP TABLE change_readers`);
    await db.query(`DROP TABLE rm_changes`);
    await db.query(`DROP TABLE rm_alerts`);
    await db.query(`DROP INDEX rm_stances_speaker_versions_idx`);
    await db.query(`DROP INDEX rm_stances_actor_versions_idx`);
    await db.query(`DROP TABLE rm_affiliations`);
  }
}

/** The alerts the record on file raises, replayed moment by moment where that is affordable. */
async function backfillAlerts(db: QueryRunner): Promise<void> {
  const moments: Array<{ at: Date; subjects: string[] }> = await db.query(`
    SELECT at, array_agg(DISTINCT subject) AS subjects FROM (
      SELECT s.known_from AS at, a AS subject FROM rm_statements s,
             unnest(ARRAY[s.speaker_id, s.actor_id]) AS a
      UNION ALL
      SELECT s.known_to, a FROM rm_statements s, unnest(ARRAY[s.speaker_id, s.actor_id]) AS a
       WHERE s.known_to IS NOT NULL
      UNION ALL
      SELECT known_from, actor_id FROM rm_affiliations
    ) m GROUP BY at ORDER BY at`);
  if (moments.length <= EXACT_REPLAY_LIMIT) {
    for (const { at, subjects } of moments) await maintainAlerts(db, subjects, new Date(at), true);
  } else {
    const all = [...new Set(moments.flatMap((m) => m.subjects))];
    const last = moments[moments.length - 1].at;
    for (let i = 0; i < all.length; i += 1000)
      await maintainAlerts(db, all.slice(i, i + 1000), new Date(last), false);
  }
}
