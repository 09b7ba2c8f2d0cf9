import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each actor's standing record toward each target, by month (statements/target-records.ts),
 * filled from the current statements: the attacked-ally alert rule reads the record before a
 * date from it instead of from every statement. And stances by date: the stance rules read the
 * stances from a date on (the chain indexes lead with actor and proposition, so a date range
 * over them walked every stance of the actor). And each actor's latest current alert, which the
 * alerts projection never lets a raise or clear go before.
 */
export class ActorTargetMonths1765800000000 implements MigrationInterface {
  name = 'ActorTargetMonths1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rm_actor_target_months (
        actor_id      text NOT NULL,
        target_id     text NOT NULL,
        month         date NOT NULL,
        statements    int NOT NULL,
        goldstein_sum numeric NOT NULL,
        PRIMARY KEY (actor_id, target_id, month)
      )`);
    await db.query(`
      INSERT INTO rm_actor_target_months (actor_id, target_id, month, statements, goldstein_sum)
      SELECT s.actor_id, t.target_id, date_trunc('month', s.dated_on)::date, count(*),
             trim_scale(sum(s.goldstein::numeric))
        FROM rm_statements s
        CROSS JOIN LATERAL unnest(s.target_ids) WITH ORDINALITY AS t(target_id, i)
       WHERE s.known_to IS NULL AND s.status = 'recorded' AND t.target_id <> s.actor_id
         AND array_position(s.target_ids, t.target_id) = t.i
       GROUP BY 1, 2, 3`);
    await db.query(`CREATE INDEX rm_stances_dated_idx ON rm_stances (dated_on)`);
    await db.query(`CREATE INDEX rm_alerts_subject_latest_idx ON rm_alerts (actor_id, known_from)
                      WHERE known_to IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX rm_alerts_subject_latest_idx`);
    await db.query(`DROP INDEX rm_stances_dated_idx`);
    await db.query(`DROP TABLE rm_actor_target_months`);
  }
}
