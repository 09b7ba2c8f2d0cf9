import { MigrationInterface, QueryRunner } from 'typeorm';

/** Audits list the alerts raised and cleared in a window of time: index them by time. */
export class AlertChangeTimes1765700000001 implements MigrationInterface {
  name = 'AlertChangeTimes1765700000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX rm_changes_alert_times_idx ON rm_changes (at, tx, seq)
        WHERE kind IN ('alert.raised', 'alert.cleared')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX rm_changes_alert_times_idx`);
  }
}
