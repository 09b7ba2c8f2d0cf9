/**
 * Finding actors: by name or alias (case, accents and punctuation ignored), ranked exact, then
 * prefix, then a word's prefix, then a near spelling; or listed by name. Each hit carries its
 * statement counts as speaker, principal and target (itself and the actors merged into it).
 * And resolving what a client calls an actor — an id, a merged duplicate's id or an alias — to
 * the actor on record.
 */
import type { DataSource } from 'typeorm';
import { decodeParts, isNumber, isText } from '../shared/cursor';
import { pageOf } from '../shared/pages';
import { Params } from '../shared/time';

export interface ActorSearch {
  q?: string;
  kind?: string;
  country?: string;
  limit: number;
  cursor?: string;
}

export interface ActorHit {
  actorId: string;
  name: string;
  kind: string;
  aliases: string[];
  countryCode: string | null;
  /** How well it matched q (100 exact … 50 near spelling); null when listing without q. */
  score: number | null;
  statements: { asSpeaker: number; asPrincipal: number; asTarget: number };
}

/** How an id a client sent reached the actor on record. */
export type Resolution =
  | { found: 'one'; actorId: string; via: 'id' | 'merge' | 'alias' }
  | { found: 'many'; candidates: Array<{ actorId: string; name: string }> }
  | { found: 'none' };

/** A query's match score against an actor's search keys (its name and aliases). */
export const ACTOR_SCORE_SQL = (key: string) => `(
  SELECT max(CASE WHEN k = ${key} THEN 100
                  WHEN k LIKE ${key} || '%' THEN 90
                  WHEN position(' ' || ${key} IN ' ' || k) > 0 THEN 80
                  ELSE coalesce((
                    SELECT 70 - 10 * min(d) FROM (
                      SELECT levenshtein_less_equal(${key}, w, 2) AS d
                        FROM unnest(array_append(string_to_array(k, ' '), k)) AS w) near
                     WHERE d <= CASE WHEN length(${key}) >= 5 THEN 2
                                     WHEN length(${key}) = 4 THEN 1 ELSE 0 END), 0) END)
    FROM unnest(a.search_keys) AS k)`;

export class ActorSearchQueries {
  constructor(private readonly dataSource: DataSource) {}

  async search(filter: ActorSearch): Promise<{
    items: ActorHit[];
    total: number;
    totalEstimate: number;
    nextCursor: string | null;
  }> {
    const p = new Params();
    const where = ['a.merged_into IS NULL'];
    if (filter.kind) where.push(`a.kind = ${p.add(filter.kind)}`);
    if (filter.country) where.push(`a.country_code = ${p.add(filter.country.toUpperCase())}`);
    const searching = filter.q !== undefined && filter.q.trim() !== '';
    // A scalar subquery: the key is computed once (an InitPlan), not once per actor and use.
    const key = searching ? `(SELECT st_search_key(${p.add(filter.q)}))` : null;
    const scored = `SELECT a.actor_id, a.name, a.kind, a.aliases, a.country_code,
                           ${key ? ACTOR_SCORE_SQL(key) : 'NULL::int'} AS score,
                           st_search_key(a.name) AS name_key
                      FROM rm_actors a WHERE ${where.join(' AND ')}`;
    const filtered = key ? `SELECT * FROM (${scored}) s WHERE s.score > 0` : scored;
    const filterValues = [...p.values];
    const order = key ? 'f.score DESC, f.actor_id' : 'f.name_key, f.actor_id';
    let after = '';
    if (filter.cursor) {
      const [first, id] = decodeParts(filter.cursor, [key ? isNumber : isText, isText]);
      after = key
        ? `WHERE (f.score < ${p.add(first)} OR (f.score = $${p.values.length} AND f.actor_id > ${p.add(id)}))`
        : `WHERE (f.name_key, f.actor_id) > (${p.add(first)}, ${p.add(id)})`;
    }
    // One scan: every match scored and counted (the window), then the page after the cursor.
    const rows: Array<Row & { total: number }> = await this.dataSource.query(
      `SELECT * FROM (SELECT f.*, count(*) OVER ()::int AS total FROM (${filtered}) f) f ${after}
        ORDER BY ${order} LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
    const total = rows[0]?.total ?? (filter.cursor ? await this.count(filtered, filterValues) : 0);
    const counts = await this.counts(rows.slice(0, filter.limit).map((r) => r.actor_id));
    const { items, nextCursor } = pageOf(
      rows,
      filter.limit,
      (r) => ({
        actorId: r.actor_id,
        name: r.name,
        kind: r.kind,
        aliases: r.aliases,
        countryCode: r.country_code,
        score: r.score,
        statements: counts.get(r.actor_id) ?? { asSpeaker: 0, asPrincipal: 0, asTarget: 0 },
      }),
      (r) => [key ? r.score : r.name_key, r.actor_id],
    );
    return { items, total, totalEstimate: total, nextCursor };
  }

  /** How many match, when the page after a cursor is empty (the window had no row to ride on). */
  private async count(filtered: string, values: unknown[]): Promise<number> {
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM (${filtered}) f`,
      values,
    );
    return total;
  }

  /** Statements on record (current, not withdrawn) per actor and role, merged duplicates included. */
  private async counts(ids: string[]): Promise<Map<string, ActorHit['statements']>> {
    const result = new Map<string, ActorHit['statements']>();
    if (ids.length === 0) return result;
    const rows: Array<{ root: string; speaker: number; principal: number; target: number }> =
      await this.dataSource.query(
        `WITH RECURSIVE family(root, id) AS (
           SELECT r, r FROM unnest($1::text[]) AS r
           UNION SELECT f.root, a.actor_id FROM rm_actors a JOIN family f ON a.merged_into = f.id
         )
         SELECT f.root,
                coalesce(sum(c.statements) FILTER (WHERE c.role = 'speaker'), 0)::int AS speaker,
                coalesce(sum(c.statements) FILTER (WHERE c.role = 'principal'), 0)::int AS principal,
                coalesce(sum(c.statements) FILTER (WHERE c.role = 'target'), 0)::int AS target
           FROM family f LEFT JOIN rm_actor_counts c ON c.actor_id = f.id
          GROUP BY f.root`,
        [ids],
      );
    for (const r of rows)
      result.set(r.root, { asSpeaker: r.speaker, asPrincipal: r.principal, asTarget: r.target });
    return result;
  }

  /**
   * The actor on record a client means: the id itself, the actor a merged duplicate went into
   * (merges may chain), or the one actor whose name or alias has this key ("beijing",
   * "the-kremlin"). Several such actors: all are named, none is picked.
   */
  async resolve(requested: string): Promise<Resolution> {
    const [row]: Array<{ root: string | null; hops: number }> = await this.dataSource.query(
      `WITH RECURSIVE chain(id, hops) AS (
         SELECT actor_id, 0 FROM rm_actors WHERE actor_id = $1
         UNION ALL SELECT a.merged_into, c.hops + 1 FROM chain c JOIN rm_actors a ON a.actor_id = c.id
          WHERE a.merged_into IS NOT NULL AND c.hops < 20
       ) SELECT id AS root, hops FROM chain ORDER BY hops DESC LIMIT 1`,
      [requested],
    );
    if (row?.root) return { found: 'one', actorId: row.root, via: row.hops > 0 ? 'merge' : 'id' };
    const matches: Array<{ actor_id: string; name: string }> = await this.dataSource.query(
      `SELECT actor_id, name FROM rm_actors
        WHERE merged_into IS NULL AND st_search_key($1) = ANY(search_keys)
        ORDER BY actor_id LIMIT 10`,
      [requested],
    );
    if (matches.length === 1) return { found: 'one', actorId: matches[0].actor_id, via: 'alias' };
    if (matches.length > 1)
      return {
        found: 'many',
        candidates: matches.map((m) => ({ actorId: m.actor_id, name: m.name })),
      };
    return { found: 'none' };
  }
}

interface Row {
  actor_id: string;
  name: string;
  kind: string;
  aliases: string[];
  country_code: string | null;
  score: number | null;
  name_key: string;
}
