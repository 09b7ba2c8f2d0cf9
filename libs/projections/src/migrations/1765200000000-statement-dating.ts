import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statements whose said date is unknown count from the day their first source reported them
 * (the mention's reportedAt, else the source's publication date), or from the day they were
 * first recorded: `said_on` becomes `dated_on` (never null) with `date_basis` saying which
 * ('said' | 'reported' | 'recorded'), in rm_statements, rm_stances and
 * rm_relation_contributions. Rows on record are dated here the way the projections date new
 * ones (statements/dating.ts), from the same events; the stance chains are relinked and the
 * relation buckets recounted when any row was undated.
 */
export class StatementDating1765200000000 implements MigrationInterface {
  name = 'StatementDating1765200000000';

  async up(db: QueryRunner): Promise<void> {
    const [{ undated }] = await db.query(
      `SELECT count(*)::int AS undated FROM rm_statements WHERE said_on IS NULL`,
    );
    for (const table of ['rm_statements', 'rm_stances', 'rm_relation_contributions'])
      await db.query(`ALTER TABLE ${table} RENAME COLUMN said_on TO dated_on`);

    await db.query(`ALTER TABLE rm_statements ADD COLUMN date_basis text,
                      ADD COLUMN reported_on date, ADD COLUMN recorded_on date`);
    await db.query(`
      UPDATE rm_statements s SET recorded_on = f.day
        FROM (SELECT statement_id, (min(known_from) AT TIME ZONE 'UTC')::date AS day
                FROM rm_statements GROUP BY statement_id) f
       WHERE f.statement_id = s.statement_id`);
    // The first source's report: the reportedAt of the event that cited it, else the source's
    // publication date.
    const instantDay = (json: string) =>
      `CASE WHEN ${json} ~ '^\\d{4}-\\d{2}-\\d{2}T' THEN ((${json})::timestamptz AT TIME ZONE 'UTC')::date END`;
    await db.query(`
      UPDATE rm_statements s SET reported_on = r.day
        FROM (SELECT f.statement_id,
                     coalesce(${instantDay(`coalesce(m.data->'mention'->>'reportedAt', m.data->>'reportedAt')`)},
                              ${instantDay(`src.data->>'publishedAt'`)}) AS day
                FROM (SELECT DISTINCT statement_id, source_ids[1] AS source_id FROM rm_statements
                       WHERE cardinality(source_ids) > 0) f
                LEFT JOIN LATERAL (
                  SELECT e.data FROM events e
                   WHERE e.stream_id = 'statement-' || f.statement_id
                     AND coalesce(e.data->'mention'->>'sourceId', e.data->>'sourceId') = f.source_id
                     AND e.type IN ('StatementRecorded', 'StatementMentionAdded')
                   ORDER BY e.stream_position LIMIT 1) m ON true
                LEFT JOIN events src
                  ON src.stream_id = 'source-' || f.source_id AND src.stream_position = 1) r
       WHERE r.statement_id = s.statement_id`);
    await db.query(`
      UPDATE rm_statements SET
        date_basis = CASE WHEN dated_on IS NOT NULL THEN 'said'
                          WHEN reported_on IS NOT NULL THEN 'reported' ELSE 'recorded' END,
        dated_on = coalesce(dated_on, reported_on, recorded_on)`);
    await db.query(`ALTER TABLE rm_statements ALTER COLUMN dated_on SET NOT NULL,
                      ALTER COLUMN date_basis SET NOT NULL, ALTER COLUMN recorded_on SET NOT NULL`);

    await db.query(`ALTER TABLE rm_stances ADD COLUMN date_basis text`);
    await db.query(`
      UPDATE rm_stances x SET dated_on = s.dated_on, date_basis = s.date_basis
        FROM rm_statements s WHERE s.statement_id = x.statement_id AND s.version = x.version`);
    await db.query(`ALTER TABLE rm_stances ALTER COLUMN dated_on SET NOT NULL,
                      ALTER COLUMN date_basis SET NOT NULL`);

    await db.query(`ALTER TABLE rm_relation_contributions ADD COLUMN date_basis text,
                      ADD COLUMN reported_on date, ADD COLUMN recorded_on date,
                      ADD COLUMN sourced boolean`);
    await db.query(`
      UPDATE rm_relation_contributions c
         SET dated_on = s.dated_on, date_basis = s.date_basis, reported_on = s.reported_on,
             recorded_on = s.recorded_on, sourced = cardinality(s.source_ids) > 0
        FROM rm_statements s WHERE s.statement_id = c.statement_id AND s.known_to IS NULL`);
    await db.query(`ALTER TABLE rm_relation_contributions ALTER COLUMN dated_on SET NOT NULL,
                      ALTER COLUMN date_basis SET NOT NULL, ALTER COLUMN recorded_on SET NOT NULL,
                      ALTER COLUMN sourced SET NOT NULL`);

    // Per relation bucket, how many of its statements are not dated by their said date.
    await db.query(`ALTER TABLE rm_relation_buckets ADD COLUMN undated integer NOT NULL DEFAULT 0`);
    if (undated > 0) await relinkAndRecount(db);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['rm_statements', 'rm_stances', 'rm_relation_contributions']) {
      await db.query(`ALTER TABLE ${table} ALTER COLUMN dated_on DROP NOT NULL`);
      await db.query(`UPDATE ${table} SET dated_on = NULL WHERE date_basis <> 'said'`);
      await db.query(`ALTER TABLE ${table} RENAME COLUMN dated_on TO said_on`);
    }
    await db.query(`ALTER TABLE rm_statements DROP COLUMN date_basis,
                      DROP COLUMN reported_on, DROP COLUMN recorded_on`);
    await db.query(`ALTER TABLE rm_stances DROP COLUMN date_basis`);
    await db.query(`ALTER TABLE rm_relation_buckets DROP COLUMN undated`);
    await db.query(`ALTER TABLE rm_relation_contributions DROP COLUMN date_basis,
                      DROP COLUMN reported_on, DROP COLUMN recorded_on, DROP COLUMN sourced`);
    await relinkAndRecount(db, 'said_on');
  }
}

/** Newly dated rows join their stance chains and their relation buckets. */
async function relinkAndRecount(db: QueryRunner, date = 'dated_on'): Promise<void> {
  for (const kind of ['actor', 'speaker'])
    await db.query(`
      UPDATE rm_stances x SET ${kind}_previous = w.previous
        FROM (SELECT statement_id, version, proposition_id,
                     lag(stance) OVER (PARTITION BY ${kind}_id, proposition_id
                                       ORDER BY ${date}, statement_id) AS previous
                FROM rm_stances
               WHERE known_to IS NULL AND status = 'recorded' AND ${date} IS NOT NULL) w
       WHERE x.statement_id = w.statement_id AND x.version = w.version
         AND x.proposition_id = w.proposition_id
         AND x.${kind}_previous IS DISTINCT FROM w.previous`);
  await db.query(`DELETE FROM rm_relation_buckets`);
  await db.query(`
    INSERT INTO rm_relation_buckets
      (from_id, target_id, granularity, bucket, kind, statements, goldstein_tenths${date === 'dated_on' ? ', undated' : ''})
    SELECT coalesce(c.principal_id, c.speaker_id), t.target_id, g.granularity,
           date_trunc(g.granularity, c.${date})::date, c.kind, count(*)::int,
           sum(round(c.goldstein * 10))::bigint
           ${date === 'dated_on' ? `, (count(*) FILTER (WHERE c.date_basis <> 'said'))::int` : ''}
      FROM rm_relation_contributions c
     CROSS JOIN LATERAL unnest(c.target_ids) AS t(target_id)
     CROSS JOIN (VALUES ('week'), ('month')) AS g(granularity)
     WHERE c.counted AND c.${date} IS NOT NULL
       AND t.target_id <> coalesce(c.principal_id, c.speaker_id)
     GROUP BY 1, 2, 3, 4, 5`);
}
