import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dedupe by lane instead of by stream. A lane is a sequence of events in store feed order: the
 * feed itself ('feed'), or one Kafka partition ('<topic>:<partition>'), which the relay fills in
 * feed order. Each projection keeps, per lane, the feed position (transaction id, global
 * position) of the last event it applied; an event at or below it is a redelivery (a feed
 * position names exactly one event). That is one row per projection and partition instead of
 * one per stream. `previous_*` hold the position before the last batch (how that batch learned
 * it, in the same statement that locked the row).
 *
 * Read models built from Kafka before this migration should be rebuilt
 * (`cli projections rebuild`): their per-stream positions are dropped here.
 */
export class ProjectionLanes1764800000000 implements MigrationInterface {
  name = 'ProjectionLanes1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE projection_checkpoints ADD COLUMN lane text NOT NULL DEFAULT 'feed'`,
    );
    await db.query(`ALTER TABLE projection_checkpoints ALTER COLUMN lane DROP DEFAULT`);
    await db.query(
      `ALTER TABLE projection_checkpoints DROP CONSTRAINT projection_checkpoints_pkey`,
    );
    await db.query(`ALTER TABLE projection_checkpoints ADD PRIMARY KEY (projection, lane)`);
    await db.query(
      `ALTER TABLE projection_checkpoints ADD COLUMN previous_transaction_id xid8,
                                          ADD COLUMN previous_global_position bigint`,
    );
    await db.query(`DROP TABLE projection_positions`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE projection_positions (
        stream_id text PRIMARY KEY,
        positions jsonb NOT NULL,
        previous  jsonb NOT NULL
      )`);
    await db.query(`DELETE FROM projection_checkpoints WHERE lane <> 'feed'`);
    await db.query(
      `ALTER TABLE projection_checkpoints DROP COLUMN previous_transaction_id,
                                          DROP COLUMN previous_global_position`,
    );
    await db.query(
      `ALTER TABLE projection_checkpoints DROP CONSTRAINT projection_checkpoints_pkey`,
    );
    await db.query(`ALTER TABLE projection_checkpoints ADD PRIMARY KEY (projection)`);
    await db.query(`ALTER TABLE projection_checkpoints DROP COLUMN lane`);
  }
}
