import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records: the first result of a POST per (API key, Idempotency-Key),
 * written in the same transaction as the events the request appended.
 */
export class Idempotency1764500000000 implements MigrationInterface {
  name = 'Idempotency1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_records (
        owner           text NOT NULL,
        idempotency_key text NOT NULL,
        fingerprint     bytea NOT NULL,
        status          integer,
        body            jsonb,
        headers         jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (owner, idempotency_key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_records`);
  }
}
