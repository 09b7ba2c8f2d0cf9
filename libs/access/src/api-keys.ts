import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role, ROLES } from './roles';

/**
 * API keys look like `st_<keyId>_<secret>`. Only SHA-256 of the secret is stored: the secret
 * is 32 random bytes, so a fast hash is enough (no password-style stretching needed).
 */
export interface ApiKey {
  keyId: string;
  name: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
}

const FORMAT = /^st_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function parseKey(presented: string): { keyId: string; secret: string } | null {
  const match = FORMAT.exec(presented.trim());
  return match ? { keyId: match[1], secret: match[2] } : null;
}

const hash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

export function newKeyMaterial(keyId?: string): { keyId: string; key: string; secretHash: Buffer } {
  const id =
    keyId ??
    randomBytes(9)
      .toString('base64url')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '0')
      .slice(0, 12)
      .padEnd(12, '0');
  const secret = randomBytes(32).toString('base64url');
  return { keyId: id, key: `st_${id}_${secret}`, secretHash: hash(secret) };
}

/** The channel a revocation is announced on (LISTEN/NOTIFY), in the revoking transaction. */
export const API_KEY_REVOKED_CHANNEL = 'st_api_key_revoked';

/** Anything that runs SQL: the DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

export class ApiKeys {
  constructor(private readonly dataSource: DataSource) {}

  /** Create a key; the full key is returned once and never stored. */
  async create(
    name: string,
    role: Role,
    db: Queryable = this.dataSource,
  ): Promise<{ key: string; apiKey: ApiKey }> {
    if (!ROLES.includes(role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
    const material = newKeyMaterial();
    const [row] = await db.query(
      `INSERT INTO api_keys (key_id, name, role, secret_hash) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
      [material.keyId, name, role, material.secretHash],
    );
    return { key: material.key, apiKey: toApiKey(row) };
  }

  /** Make sure a configured bootstrap key exists as an admin key (idempotent). */
  async ensureBootstrap(key: string): Promise<void> {
    const parsed = parseKey(key);
    if (!parsed)
      throw new Error('BOOTSTRAP_API_KEY is not a key of the form st_<12 chars>_<43 chars>');
    await this.dataSource.query(
      `INSERT INTO api_keys (key_id, name, role, secret_hash) VALUES ($1, 'bootstrap', 'admin', $2)
       ON CONFLICT (key_id) DO UPDATE SET secret_hash = EXCLUDED.secret_hash, role = 'admin', revoked_at = NULL`,
      [parsed.keyId, hash(parsed.secret)],
    );
  }

  /** The active key a presented secret belongs to, or null. */
  async authenticate(presented: string): Promise<ApiKey | null> {
    const parsed = parseKey(presented);
    if (!parsed) return null;
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS}, secret_hash FROM api_keys WHERE key_id = $1 AND revoked_at IS NULL`,
      [parsed.keyId],
    );
    if (rows.length === 0) return null;
    const stored: Buffer = rows[0].secret_hash;
    const given = hash(parsed.secret);
    return stored.length === given.length && timingSafeEqual(stored, given)
      ? toApiKey(rows[0])
      : null;
  }

  async list(): Promise<ApiKey[]> {
    return (await this.dataSource.query(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at`)).map(
      toApiKey,
    );
  }

  async count(): Promise<number> {
    return Number(
      (
        await this.dataSource.query(`SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL`)
      )[0].n,
    );
  }

  /**
   * Revoke a key; false when there is no such active key. Every api instance listening on
   * API_KEY_REVOKED_CHANNEL hears of it when this commits.
   */
  async revoke(keyId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      // As a SELECT: TypeORM answers a bare UPDATE with [rows, count], not rows.
      `WITH revoked AS (UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL RETURNING key_id)
       SELECT key_id, pg_notify('${API_KEY_REVOKED_CHANNEL}', key_id) FROM revoked`,
      [keyId],
    );
    return rows.length > 0;
  }
}

const COLUMNS = 'key_id, name, role, created_at, revoked_at';

function toApiKey(row: Record<string, unknown>): ApiKey {
  return {
    keyId: row.key_id as string,
    name: row.name as string,
    role: row.role as Role,
    createdAt: row.created_at as Date,
    revokedAt: (row.revoked_at as Date | null) ?? null,
  };
}
