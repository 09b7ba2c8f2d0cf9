import { MigrationInterface, QueryRunner } from 'typeorm';

/** API keys: the secret's SHA-256 only; revoked keys stay for the audit trail. */
export class ApiKeys1764400000000 implements MigrationInterface {
  name = 'ApiKeys1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        key_id      text PRIMARY KEY,
        name        text NOT NULL,
        role        text NOT NULL CHECK (role IN ('viewer', 'analyst', 'auditor', 'admin')),
        secret_hash bytea NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE api_keys`);
  }
}
