import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audits ask "what changed between K1 and K2" by recorded time: an index on (recorded_at,
 * global_position) answers a window, and pages through it in that order, without a scan.
 */
export class RecordedAtIndex1765700000000 implements MigrationInterface {
  name = 'RecordedAtIndex1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX events_recorded_at_idx ON events (recorded_at, global_position)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_recorded_at_idx`);
  }
}
