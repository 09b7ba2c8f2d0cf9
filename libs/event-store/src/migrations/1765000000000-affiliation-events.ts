import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index of the actor affiliation events alone, in feed order. Ingestion folds them to know
 * whom a speaker spoke for on an article's date; with this index that reads the registry's
 * affiliations (a few per actor), not the whole events table.
 */
export class AffiliationEvents1765000000000 implements MigrationInterface {
  name = 'AffiliationEvents1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX events_affiliations_idx ON events (transaction_id, global_position)
        WHERE type IN ('ActorAffiliationAdded', 'ActorAffiliationEnded')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX events_affiliations_idx`);
  }
}
