/**
 * The stance chains of rm_stances: per actor (principal, else speaker) and per speaker, each
 * proposition's current, standing, dated stances in said order, each row holding the stance of
 * the row before it (actor_previous, speaker_previous). Positions and shifts are read from them
 * with a few index reads however long the history.
 */
import type { StanceValue } from '@app/domain';
import type { Sql } from '../projection';
import { actorOf, StatementVersion } from './statement-version';

/** A chain row's place: its groups (actor or speaker, proposition) and its order key. */
interface ChainPosition {
  actor_id: string;
  speaker_id: string;
  proposition_id: string;
  dated_on: string;
  statement_id: string;
  stance: StanceValue;
}

/** The chain rows a version has (one per stance) if it is standing and dated. */
export function chainPositions(version: StatementVersion | undefined): ChainPosition[] {
  if (!version || version.status !== 'recorded') return [];
  const actorId = actorOf(version);
  return version.stances.map((stance) => ({
    actor_id: actorId,
    speaker_id: version.speaker_id,
    proposition_id: stance.propositionId,
    dated_on: version.dated_on,
    statement_id: version.statement_id,
    stance: stance.stance,
  }));
}

/**
 * Serialises work on the same chains: two projectors (a Kafka rebalance, or a rebuild beside a
 * running projector) inserting next to each other would each miss the other's row. Sorted keys
 * so they never deadlock.
 */
async function lockChains(sql: Sql, moved: ChainPosition[]): Promise<void> {
  const keys = new Set<string>();
  for (const m of moved) {
    keys.add(`actor|${m.actor_id}|${m.proposition_id}`);
    keys.add(`speaker|${m.speaker_id}|${m.proposition_id}`);
  }
  await sql.query(
    `SELECT count(pg_advisory_xact_lock(k)) FROM
       (SELECT DISTINCT hashtextextended(key, 7) AS k FROM unnest($1::text[]) AS key ORDER BY 1) locks`,
    [[...keys]],
  );
}

/** The rows on a chain: current, standing (not retracted or withdrawn) and dated. */
export const CHAIN = (alias: string) =>
  `${alias}.known_to IS NULL AND ${alias}.status = 'recorded' AND ${alias}.dated_on IS NOT NULL`;

/** The stance of the chain row before `row` in its actor or speaker chain (an index probe). */
const PREDECESSOR = (kind: 'actor' | 'speaker', row: string) =>
  `(SELECT p.stance FROM rm_stances p
     WHERE p.${kind}_id = ${row}.${kind}_id AND p.proposition_id = ${row}.proposition_id
       AND ${CHAIN('p')} AND (p.dated_on, p.statement_id) < (${row}.dated_on, ${row}.statement_id)
     ORDER BY p.dated_on DESC, p.statement_id DESC LIMIT 1)`;

const SUCCESSOR = (kind: 'actor' | 'speaker') =>
  `SELECT n.statement_id, n.version, n.proposition_id FROM ${kind}_moved m CROSS JOIN LATERAL (
     SELECT x.statement_id, x.version, x.proposition_id FROM rm_stances x
      WHERE x.${kind}_id = m.key_id AND x.proposition_id = m.proposition_id AND ${CHAIN('x')}
        AND (x.dated_on, x.statement_id) > (m.dated_on, m.statement_id)
      ORDER BY x.dated_on, x.statement_id LIMIT 1) n`;

type ChainKind = 'actor' | 'speaker';
const KINDS: ChainKind[] = ['actor', 'speaker'];

export interface ChainLinks {
  /** "statementId|propositionId" → the predecessor's stance per chain, where computed here. */
  known: Map<string, Partial<Record<ChainKind, StanceValue | null>>>;
  /** Positions whose successors must be re-linked in the table, per chain kind. */
  relink: Record<ChainKind, ChainPosition[]>;
}

const orderKey = (p: { dated_on: string; statement_id: string }) =>
  `${p.dated_on}|${p.statement_id}`;

function linkColumns(link: Partial<Record<ChainKind, StanceValue | null>> | undefined) {
  return {
    actor_known: link !== undefined && 'actor' in link,
    actor_link: link?.actor ?? null,
    speaker_known: link !== undefined && 'speaker' in link,
    speaker_link: link?.speaker ?? null,
  };
}

/**
 * News mostly arrives in said order, so a batch mostly appends to the end of its chains. For a
 * chain where it only appends (every new row after the chain's last one, none leaving), the
 * links follow from the last row and the batch itself, with one read per chain; every other
 * chain is re-linked in the table.
 */
async function linkAppends(
  sql: Sql,
  left: ChainPosition[],
  joined: ChainPosition[],
): Promise<ChainLinks> {
  const links: ChainLinks = { known: new Map(), relink: { actor: [...left], speaker: [...left] } };
  const chains = new Map<
    string,
    { kind: ChainKind; keyId: string; propositionId: string; rows: ChainPosition[] }
  >();
  for (const kind of KINDS) {
    const touched = new Set(left.map((p) => `${kind}|${p[`${kind}_id`]}|${p.proposition_id}`));
    for (const row of joined) {
      const id = `${kind}|${row[`${kind}_id`]}|${row.proposition_id}`;
      if (touched.has(id)) {
        links.relink[kind].push(row);
        continue;
      }
      const chain = chains.get(id) ?? {
        kind,
        keyId: row[`${kind}_id`],
        propositionId: row.proposition_id,
        rows: [],
      };
      chain.rows.push(row);
      chains.set(id, chain);
    }
  }
  if (chains.size === 0) return links;
  const list = [...chains.values()];
  const ends = await sql.query<{
    i: number;
    dated_on: string | null;
    statement_id: string | null;
    stance: StanceValue | null;
  }>(
    `SELECT k.i, l.dated_on::text AS dated_on, l.statement_id, l.stance
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(kind, key_id, proposition_id, i)
       LEFT JOIN LATERAL (
         (SELECT x.dated_on, x.statement_id, x.stance FROM rm_stances x
           WHERE k.kind = 'actor' AND x.actor_id = k.key_id AND x.proposition_id = k.proposition_id
             AND ${CHAIN('x')}
           ORDER BY x.dated_on DESC, x.statement_id DESC LIMIT 1)
         UNION ALL
         (SELECT x.dated_on, x.statement_id, x.stance FROM rm_stances x
           WHERE k.kind = 'speaker' AND x.speaker_id = k.key_id AND x.proposition_id = k.proposition_id
             AND ${CHAIN('x')}
           ORDER BY x.dated_on DESC, x.statement_id DESC LIMIT 1)) l ON true`,
    [list.map((c) => c.kind), list.map((c) => c.keyId), list.map((c) => c.propositionId)],
  );
  for (const end of ends) {
    const chain = list[Number(end.i) - 1];
    chain.rows.sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : 1));
    const last = end.statement_id
      ? orderKey({ dated_on: end.dated_on!, statement_id: end.statement_id })
      : null;
    if (last !== null && orderKey(chain.rows[0]) <= last) {
      links.relink[chain.kind].push(...chain.rows);
      continue;
    }
    let previous = end.stance;
    for (const row of chain.rows) {
      const key = `${row.statement_id}|${row.proposition_id}`;
      links.known.set(key, { ...(links.known.get(key) ?? {}), [chain.kind]: previous });
      previous = row.stance;
    }
  }
  return links;
}

/**
 * Re-links the row after every place a chain row joined or left: it takes the stance of its
 * predecessor as it is now. Only neighbours change, so the chains come out the same whatever
 * order rows arrive in; rows whose links did not change are not rewritten.
 */
export async function relinkSuccessors(
  sql: Sql,
  moved: Record<ChainKind, ChainPosition[]>,
): Promise<void> {
  const positions = (kind: ChainKind) =>
    JSON.stringify(
      moved[kind].map((p) => ({
        key_id: p[`${kind}_id`],
        proposition_id: p.proposition_id,
        dated_on: p.dated_on,
        statement_id: p.statement_id,
      })),
    );
  const recordset = `AS m(key_id text, proposition_id text, dated_on date, statement_id uuid)`;
  await sql.query(
    `WITH actor_moved AS (SELECT * FROM jsonb_to_recordset($1::jsonb) ${recordset}),
          speaker_moved AS (SELECT * FROM jsonb_to_recordset($2::jsonb) ${recordset}),
          targets AS (${SUCCESSOR('actor')} UNION ${SUCCESSOR('speaker')}),
          fresh AS (
            SELECT t.statement_id, t.version, t.proposition_id,
                   ${PREDECESSOR('actor', 't')} AS actor_previous,
                   ${PREDECESSOR('speaker', 't')} AS speaker_previous
              FROM targets g JOIN rm_stances t
                ON t.statement_id = g.statement_id AND t.version = g.version
               AND t.proposition_id = g.proposition_id
          )
     UPDATE rm_stances t
        SET actor_previous = f.actor_previous, speaker_previous = f.speaker_previous
       FROM fresh f
      WHERE t.statement_id = f.statement_id AND t.version = f.version
        AND t.proposition_id = f.proposition_id
        AND (t.actor_previous IS DISTINCT FROM f.actor_previous
             OR t.speaker_previous IS DISTINCT FROM f.speaker_previous)`,
    [positions('actor'), positions('speaker')],
  );
}

/**
 * Locks the chains rows leave (`left`: stored versions closed) or join (`joined`: new current
 * versions), and links what the batch only appends.
 */
export async function linkChains(
  sql: Sql,
  left: ChainPosition[],
  joined: ChainPosition[],
): Promise<ChainLinks> {
  if (left.length + joined.length === 0)
    return { known: new Map(), relink: { actor: [], speaker: [] } };
  await lockChains(sql, [...left, ...joined]);
  return linkAppends(sql, left, joined);
}

/**
 * The stance rows of the new versions. New chain rows take their predecessors' stances as they
 * insert: computed here where the batch only appends to a chain, else read from the table. Rows
 * new in this same batch don't see each other in that read; relinkSuccessors puts that right.
 */
export async function insertStances(
  sql: Sql,
  versions: StatementVersion[],
  links: ChainLinks,
): Promise<void> {
  const stances = versions.flatMap((v) => {
    const actorId = actorOf(v);
    return v.stances.map((s) => ({
      statement_id: v.statement_id,
      version: v.version,
      proposition_id: s.propositionId,
      stance: s.stance,
      actor_id: actorId,
      speaker_id: v.speaker_id,
      principal_id: v.principal_id,
      dated_on: v.dated_on,
      date_basis: v.date_basis,
      status: v.status,
      retracted_on: v.retracted_on,
      known_from: v.known_from,
      known_to: v.known_to,
      ...linkColumns(links.known.get(`${v.statement_id}|${s.propositionId}`)),
    }));
  });
  if (stances.length === 0) return;
  await sql.query(
    `INSERT INTO rm_stances (statement_id, version, proposition_id, stance, actor_id, speaker_id,
                             principal_id, dated_on, date_basis, status, retracted_on, known_from,
                             known_to, actor_previous, speaker_previous)
     SELECT r.statement_id, r.version, r.proposition_id, r.stance, r.actor_id, r.speaker_id,
            r.principal_id, r.dated_on, r.date_basis, r.status, r.retracted_on, r.known_from, r.known_to,
            CASE WHEN NOT (${CHAIN('r')}) THEN NULL WHEN r.actor_known THEN r.actor_link
                 ELSE ${PREDECESSOR('actor', 'r')} END,
            CASE WHEN NOT (${CHAIN('r')}) THEN NULL WHEN r.speaker_known THEN r.speaker_link
                 ELSE ${PREDECESSOR('speaker', 'r')} END
       FROM jsonb_to_recordset($1::jsonb) AS r(statement_id uuid, version int,
       proposition_id text, stance text, actor_id text, speaker_id text, principal_id text,
       dated_on date, date_basis text, status text, retracted_on date, known_from timestamptz, known_to timestamptz,
       actor_known boolean, actor_link text, speaker_known boolean, speaker_link text)`,
    [JSON.stringify(stances)],
  );
}
