import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One truth about accusations. From now on an accusation-kind statement opens its accusation as
 * it is recorded; statements already on record without one get a derived row (`derived`: no
 * event behind it) — as the projection derives them — so the graph counts what the timeline and
 * the statement list show. Derived from the first version that was an accusation accusing
 * someone other than the speaker, with the allegation its summary (else quote) gives.
 */
export class AccusationsFromStatements1765400000000 implements MigrationInterface {
  name = 'AccusationsFromStatements1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE rm_accusations ADD COLUMN derived boolean NOT NULL DEFAULT false`);
    await db.query(`CREATE INDEX rm_accusations_statement_idx ON rm_accusations (statement_id)`);
    await db.query(`
      INSERT INTO rm_accusations
        (accusation_id, statement_id, accuser_id, accused_ids, allegation, known_from, derived)
      SELECT DISTINCT ON (s.statement_id)
             s.statement_id::text, s.statement_id, s.actor_id, a.accused,
             CASE WHEN length(a.said) <= 2000 THEN a.said ELSE left(a.said, 1999) || '…' END,
             s.known_from, true
        FROM rm_statements s,
             LATERAL (SELECT ARRAY(SELECT t FROM unnest(s.target_ids) WITH ORDINALITY AS u(t, i)
                                    WHERE t <> s.speaker_id AND t IS DISTINCT FROM s.principal_id
                                    ORDER BY i) AS accused,
                             btrim(coalesce(s.summary, s.quote, ''), E' \\t\\n\\r') AS said) a
       WHERE s.kind = 'accusation' AND cardinality(a.accused) > 0
         AND NOT EXISTS (SELECT 1 FROM rm_accusations x WHERE x.statement_id = s.statement_id)
       ORDER BY s.statement_id, s.version`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM rm_accusations WHERE derived`);
    await db.query(`DROP INDEX rm_accusations_statement_idx`);
    await db.query(`ALTER TABLE rm_accusations DROP COLUMN derived`);
  }
}
