import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per finished replay (`cli replay`): what was rebuilt, from how many events, how long
 * it took, and the checksums of what was swapped in. Auditors read it as the history of the read
 * models; a dry run estimates the next replay's time from the last one's rate.
 */
export class ProjectionReplays1765600000000 implements MigrationInterface {
  name = 'ProjectionReplays1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_replays (
        id           bigserial PRIMARY KEY,
        projections  text[] NOT NULL,
        started_at   timestamptz NOT NULL,
        swapped_at   timestamptz NOT NULL DEFAULT now(),
        events       bigint NOT NULL,
        seconds      double precision NOT NULL,
        resumed      boolean NOT NULL DEFAULT false,
        dead_letters integer NOT NULL DEFAULT 0,
        checkpoint   text,
        checksums    jsonb NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE projection_replays`);
    await db.query(`DROP SCHEMA IF EXISTS st_replay CASCADE`);
  }
}
