import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each relay is in the global feed; moved only after the broker acknowledged. */
export class RelayCheckpoints1764600000000 implements MigrationInterface {
  name = 'RelayCheckpoints1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE relay_checkpoints (
        relay_name      text PRIMARY KEY,
        transaction_id  xid8 NOT NULL,
        global_position bigint NOT NULL,
        published       bigint NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE relay_checkpoints`);
  }
}
