/** Lookups every query shares: an actor with the actors merged into it, and display labels. */

/** What the lookups read through: a DataSource, or a query runner inside a transaction. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

/** The actor and every actor merged into it (merges may chain). */
export const ACTOR_IDS_SQL = `WITH RECURSIVE merged(actor_id) AS (
    SELECT $1::text
    UNION SELECT a.actor_id FROM rm_actors a JOIN merged m ON a.merged_into = m.actor_id
  ) SELECT array_agg(actor_id) AS ids FROM merged`;

/** The actor and the actors merged into it. */
export async function actorIds(db: Queryable, actorId: string): Promise<string[]> {
  const [row] = await db.query(ACTOR_IDS_SQL, [actorId]);
  return row?.ids ?? [actorId];
}

/** actor id → name, for the ids on record. */
export function actorNames(db: Queryable, ids: string[]): Promise<Record<string, string>> {
  return labels(db, 'rm_actors', 'actor_id', 'name', ids);
}

/** proposition id → text, for the ids on record. */
export function propositionTexts(db: Queryable, ids: string[]): Promise<Record<string, string>> {
  return labels(db, 'rm_propositions', 'proposition_id', 'text', ids);
}

/** id → label for the ids found in a small read-model table. */
async function labels(
  db: Queryable,
  table: 'rm_actors' | 'rm_propositions',
  key: string,
  label: string,
  ids: string[],
): Promise<Record<string, string>> {
  if (ids.length === 0) return {};
  const rows: Array<{ id: string; label: string }> = await db.query(
    `SELECT ${key} AS id, ${label} AS label FROM ${table} WHERE ${key} = ANY($1)`,
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.label]));
}
