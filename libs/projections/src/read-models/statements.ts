/**
 * The statements read model: every version of every statement's record (rm_statements) and the
 * stances of each version (rm_stances). A correction, retraction, withdrawal, mention or stance
 * closes the current version (known_to = the event's recordedAt) and opens the next, so any past
 * state of the record can be read back ("as known at"). Timeline, positions and alerts read it.
 */
import type { Projection, ProjectionEvent, Sql } from '../projection';
import { isRealDate } from '@app/domain';

export const STATEMENT_EVENTS = [
  'StatementRecorded',
  'StatementCorrected',
  'StatementRetracted',
  'StatementWithdrawn',
  'StatementMentionAdded',
  'StatementStanceTaken',
] as const;

interface Stance {
  propositionId: string;
  stance: string;
}

interface SaidAt {
  date: string | null;
  precision: string;
}

/** A row of rm_statements as this code writes it (dates as ISO text). */
export interface StatementVersion {
  statement_id: string;
  version: number;
  known_from: string;
  known_to: string | null;
  speaker_id: string;
  principal_id: string | null;
  kind: string;
  cameo: string;
  goldstein: number;
  target_ids: string[];
  quote: string | null;
  summary: string | null;
  said_on: string | null;
  said_precision: string;
  confidence: number;
  stances: Stance[];
  provenance: unknown;
  status: 'recorded' | 'retracted' | 'withdrawn';
  retracted_on: string | null;
  withdrawal: unknown;
  corrections: number;
  source_ids: string[];
}

/**
 * "2024-07" (month precision) → "2024-07-01"; null stays null. The domain's calendar rule
 * applies here too: a date outside it (only in events stored before the rule, e.g. year 0000)
 * is refused by name, so the event goes to the dead letters saying why, instead of failing
 * later in the database with "date/time field value out of range".
 */
export function saidOn(saidAt: SaidAt | null | undefined): string | null {
  const date = saidAt?.date ?? null;
  if (date === null) return null;
  const day = date.length === 7 ? `${date}-01` : date;
  if (!isRealDate(day))
    throw new Error(
      `the date "${String(date).slice(0, 40)}" is not a real calendar date between 0001-01-01 and 9999-12-31`,
    );
  return day;
}

/** Content fields of a StatementRecorded / StatementCorrected payload → columns. */
const CONTENT_COLUMNS: Record<string, (value: never) => Partial<StatementVersion>> = {
  speakerId: (v: string) => ({ speaker_id: v }),
  principalId: (v: string | null) => ({ principal_id: v }),
  kind: (v: string) => ({ kind: v }),
  cameo: (v: string) => ({ cameo: v }),
  goldstein: (v: number) => ({ goldstein: v }),
  targetIds: (v: string[]) => ({ target_ids: v }),
  quote: (v: string | null) => ({ quote: v }),
  summary: (v: string | null) => ({ summary: v }),
  saidAt: (v: SaidAt) => ({ said_on: saidOn(v), said_precision: v.precision }),
  confidence: (v: number) => ({ confidence: v }),
  stances: (v: Stance[]) => ({ stances: v }),
};

export function contentColumns(data: Record<string, unknown>): Partial<StatementVersion> {
  const columns: Partial<StatementVersion> = {};
  for (const [field, value] of Object.entries(data)) {
    const map = CONTENT_COLUMNS[field];
    if (map) Object.assign(columns, map(value as never));
  }
  return columns;
}

const COLUMNS: Array<[keyof StatementVersion, string]> = [
  ['statement_id', 'uuid'],
  ['version', 'int'],
  ['known_from', 'timestamptz'],
  ['known_to', 'timestamptz'],
  ['speaker_id', 'text'],
  ['principal_id', 'text'],
  ['kind', 'text'],
  ['cameo', 'text'],
  ['goldstein', 'float8'],
  ['target_ids', 'text[]'],
  ['quote', 'text'],
  ['summary', 'text'],
  ['said_on', 'date'],
  ['said_precision', 'text'],
  ['confidence', 'float8'],
  ['stances', 'jsonb'],
  ['provenance', 'jsonb'],
  ['status', 'text'],
  ['retracted_on', 'date'],
  ['withdrawal', 'jsonb'],
  ['corrections', 'int'],
  ['source_ids', 'text[]'],
];
const COLUMN_LIST = COLUMNS.map(([c]) => c).join(', ');
const RECORDSET = COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ');

const SELECT_CURRENT = `SELECT ${COLUMNS.map(([c, t]) =>
  t === 'date' || t === 'timestamptz' ? `${c}::text AS ${c}` : c,
).join(', ')} FROM rm_statements WHERE statement_id = ANY($1::uuid[]) AND known_to IS NULL`;

function statementIdOf(event: ProjectionEvent): string {
  const id = event.data.statementId;
  if (typeof id !== 'string') throw new Error(`${event.type} without a statementId`);
  return id;
}

/** The next version of a record after `event`; pure, so the fold is testable without a database. */
export function nextVersion(
  current: StatementVersion | undefined,
  event: ProjectionEvent,
): StatementVersion {
  const data = event.data;
  const knownFrom = event.recordedAt.toISOString();
  if (event.type === 'StatementRecorded') {
    if (current) throw new Error(`statement ${statementIdOf(event)} is already in the read model`);
    const mention = data.mention as { sourceId: string } | undefined;
    const content = contentColumns(data);
    for (const required of ['speaker_id', 'kind', 'cameo', 'goldstein', 'said_precision'] as const)
      if (content[required] === undefined) throw new Error(`StatementRecorded without ${required}`);
    return {
      statement_id: statementIdOf(event),
      version: 1,
      known_from: knownFrom,
      known_to: null,
      principal_id: null,
      target_ids: [],
      quote: null,
      summary: null,
      said_on: null,
      confidence: 1,
      stances: [],
      ...(content as Required<Pick<StatementVersion, 'speaker_id' | 'kind' | 'cameo'>> &
        Partial<StatementVersion>),
      said_precision: content.said_precision!,
      goldstein: content.goldstein!,
      provenance: data.provenance ?? { method: 'manual' },
      status: 'recorded',
      retracted_on: null,
      withdrawal: null,
      corrections: 0,
      source_ids: mention?.sourceId ? [mention.sourceId] : [],
    };
  }
  if (!current)
    throw new Error(`${event.type} for statement ${statementIdOf(event)}, not in the read model`);
  const next: StatementVersion = {
    ...current,
    version: current.version + 1,
    known_from: knownFrom,
    known_to: null,
  };
  switch (event.type) {
    case 'StatementCorrected':
      Object.assign(next, contentColumns((data.changes ?? {}) as Record<string, unknown>));
      next.corrections = current.corrections + 1;
      break;
    case 'StatementRetracted':
      next.status = current.status === 'withdrawn' ? 'withdrawn' : 'retracted';
      next.retracted_on = saidOn({ date: String(data.retractedOn).slice(0, 10), precision: 'day' });
      break;
    case 'StatementWithdrawn':
      next.status = 'withdrawn';
      next.withdrawal = {
        reason: data.reason,
        note: data.note ?? null,
        duplicateOf: data.duplicateOf ?? null,
      };
      break;
    case 'StatementMentionAdded': {
      const sourceId = String(data.sourceId);
      next.source_ids = [...current.source_ids, sourceId];
      break;
    }
    case 'StatementStanceTaken': {
      const stance = { propositionId: String(data.propositionId), stance: String(data.stance) };
      next.stances = [
        ...current.stances.filter((s) => s.propositionId !== stance.propositionId),
        stance,
      ];
      break;
    }
    default:
      throw new Error(`statements read model cannot apply ${event.type}`);
  }
  return next;
}

export const statementsProjection: Projection = {
  name: 'statements',
  handles: new Set(STATEMENT_EVENTS),
  tables: [
    { table: 'rm_statements', key: 'statement_id, version' },
    { table: 'rm_stances', key: 'statement_id, version, proposition_id' },
  ],

  async apply(sql: Sql, events: ProjectionEvent[]): Promise<void> {
    // Only changes need the stored version; a new statement's insert fails on the key if the
    // statement were somehow there already.
    const ids = [
      ...new Set(events.filter((e) => e.type !== 'StatementRecorded').map(statementIdOf)),
    ];
    const current = new Map<string, StatementVersion>();
    if (ids.length > 0)
      for (const row of await sql.query<StatementVersion>(SELECT_CURRENT, [ids]))
        current.set(row.statement_id, row);
    const closes: Array<{ id: string; version: number; knownTo: string }> = [];
    const inserts: StatementVersion[] = [];
    const opened = new Set<StatementVersion>();
    const closedVersions = new Map<string, StatementVersion>();
    for (const event of events) {
      const id = statementIdOf(event);
      const before = current.get(id);
      const after = nextVersion(before, event);
      if (before) {
        // A version opened in this batch is inserted already closed; a stored one is closed here.
        if (!opened.has(before)) {
          closedVersions.set(`${id}:${before.version}`, { ...before });
          closes.push({ id, version: before.version, knownTo: after.known_from });
        }
        before.known_to = after.known_from;
      }
      inserts.push(after);
      opened.add(after);
      current.set(id, after);
    }
    const closing = [
      closes.map((c) => c.id),
      closes.map((c) => c.version),
      closes.map((c) => c.knownTo),
    ];
    const close = (table: string, extra = '') =>
      sql.query(
        `UPDATE ${table} AS t SET known_to = c.known_to${extra}
           FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS c(statement_id, version, known_to)
          WHERE t.statement_id = c.statement_id AND t.version = c.version`,
        closing,
      );
    // The records first: they touch only their own rows, so projectors working side by side
    // (partitions consumed concurrently) overlap here and wait for each other only on chains.
    if (closes.length > 0) await close('rm_statements');
    await sql.query(
      `INSERT INTO rm_statements (${COLUMN_LIST})
       SELECT ${COLUMN_LIST} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORDSET})`,
      [JSON.stringify(inserts)],
    );
    // Stance chains: where rows leave (stored versions closed) or join (new current versions).
    const left = closes.flatMap((c) => chainPositions(closedVersions.get(`${c.id}:${c.version}`)));
    const joined = inserts.filter((v) => v.known_to === null).flatMap((v) => chainPositions(v));
    const moved = [...left, ...joined];
    let links: ChainLinks = { known: new Map(), relink: { actor: [], speaker: [] } };
    if (moved.length > 0) {
      await lockChains(sql, moved);
      links = await linkAppends(sql, left, joined);
    }
    // A closed stance leaves its chains: its links are dropped (they would otherwise depend on
    // when it was closed).
    if (closes.length > 0)
      await close('rm_stances', ', actor_previous = NULL, speaker_previous = NULL');
    const stances = inserts.flatMap((v) =>
      v.stances.map((s) => ({
        statement_id: v.statement_id,
        version: v.version,
        proposition_id: s.propositionId,
        stance: s.stance,
        actor_id: v.principal_id ?? v.speaker_id,
        speaker_id: v.speaker_id,
        principal_id: v.principal_id,
        said_on: v.said_on,
        status: v.status,
        retracted_on: v.retracted_on,
        known_from: v.known_from,
        known_to: v.known_to,
        ...linkColumns(links.known.get(`${v.statement_id}|${s.propositionId}`)),
      })),
    );
    // New chain rows take their predecessors' stances as they insert: computed here where the
    // batch only appends to a chain, else read from the table. Rows new in this same batch
    // don't see each other in that read; the re-link below puts that right.
    if (stances.length > 0)
      await sql.query(
        `INSERT INTO rm_stances (statement_id, version, proposition_id, stance, actor_id, speaker_id,
                                 principal_id, said_on, status, retracted_on, known_from, known_to,
                                 actor_previous, speaker_previous)
         SELECT r.statement_id, r.version, r.proposition_id, r.stance, r.actor_id, r.speaker_id,
                r.principal_id, r.said_on, r.status, r.retracted_on, r.known_from, r.known_to,
                CASE WHEN NOT (${CHAIN('r')}) THEN NULL WHEN r.actor_known THEN r.actor_link
                     ELSE ${PREDECESSOR('actor', 'r')} END,
                CASE WHEN NOT (${CHAIN('r')}) THEN NULL WHEN r.speaker_known THEN r.speaker_link
                     ELSE ${PREDECESSOR('speaker', 'r')} END
           FROM jsonb_to_recordset($1::jsonb) AS r(statement_id uuid, version int,
           proposition_id text, stance text, actor_id text, speaker_id text, principal_id text,
           said_on date, status text, retracted_on date, known_from timestamptz, known_to timestamptz,
           actor_known boolean, actor_link text, speaker_known boolean, speaker_link text)`,
        [JSON.stringify(stances)],
      );
    if (links.relink.actor.length + links.relink.speaker.length > 0)
      await relinkSuccessors(sql, links.relink);
  },
};

/** A chain row's place: its groups (actor or speaker, proposition) and its order key. */
interface ChainPosition {
  actor_id: string;
  speaker_id: string;
  proposition_id: string;
  said_on: string;
  statement_id: string;
  stance: string;
}

/** The chain rows a version has (one per stance) if it is standing and dated. */
function chainPositions(version: StatementVersion | undefined): ChainPosition[] {
  if (!version || version.status !== 'recorded' || version.said_on === null) return [];
  return version.stances.map((stance) => ({
    actor_id: version.principal_id ?? version.speaker_id,
    speaker_id: version.speaker_id,
    proposition_id: stance.propositionId,
    said_on: version.said_on!,
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

const CHAIN = (alias: string) =>
  `${alias}.known_to IS NULL AND ${alias}.status = 'recorded' AND ${alias}.said_on IS NOT NULL`;

/** The stance of the chain row before `row` in its actor or speaker chain (an index probe). */
const PREDECESSOR = (kind: 'actor' | 'speaker', row: string) =>
  `(SELECT p.stance FROM rm_stances p
     WHERE p.${kind}_id = ${row}.${kind}_id AND p.proposition_id = ${row}.proposition_id
       AND ${CHAIN('p')} AND (p.said_on, p.statement_id) < (${row}.said_on, ${row}.statement_id)
     ORDER BY p.said_on DESC, p.statement_id DESC LIMIT 1)`;

const SUCCESSOR = (kind: 'actor' | 'speaker') =>
  `SELECT n.statement_id, n.version, n.proposition_id FROM ${kind}_moved m CROSS JOIN LATERAL (
     SELECT x.statement_id, x.version, x.proposition_id FROM rm_stances x
      WHERE x.${kind}_id = m.key_id AND x.proposition_id = m.proposition_id AND ${CHAIN('x')}
        AND (x.said_on, x.statement_id) > (m.said_on, m.statement_id)
      ORDER BY x.said_on, x.statement_id LIMIT 1) n`;

type ChainKind = 'actor' | 'speaker';
const KINDS: ChainKind[] = ['actor', 'speaker'];

interface ChainLinks {
  /** "statementId|propositionId" → the predecessor's stance per chain, where computed here. */
  known: Map<string, Partial<Record<ChainKind, string | null>>>;
  /** Positions whose successors must be re-linked in the table, per chain kind. */
  relink: Record<ChainKind, ChainPosition[]>;
}

const orderKey = (p: { said_on: string; statement_id: string }) => `${p.said_on}|${p.statement_id}`;

function linkColumns(link: Partial<Record<ChainKind, string | null>> | undefined) {
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
    said_on: string | null;
    statement_id: string | null;
    stance: string | null;
  }>(
    `SELECT k.i, l.said_on::text AS said_on, l.statement_id, l.stance
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(kind, key_id, proposition_id, i)
       LEFT JOIN LATERAL (
         (SELECT x.said_on, x.statement_id, x.stance FROM rm_stances x
           WHERE k.kind = 'actor' AND x.actor_id = k.key_id AND x.proposition_id = k.proposition_id
             AND ${CHAIN('x')}
           ORDER BY x.said_on DESC, x.statement_id DESC LIMIT 1)
         UNION ALL
         (SELECT x.said_on, x.statement_id, x.stance FROM rm_stances x
           WHERE k.kind = 'speaker' AND x.speaker_id = k.key_id AND x.proposition_id = k.proposition_id
             AND ${CHAIN('x')}
           ORDER BY x.said_on DESC, x.statement_id DESC LIMIT 1)) l ON true`,
    [list.map((c) => c.kind), list.map((c) => c.keyId), list.map((c) => c.propositionId)],
  );
  for (const end of ends) {
    const chain = list[Number(end.i) - 1];
    chain.rows.sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : 1));
    const last = end.statement_id
      ? orderKey({ said_on: end.said_on!, statement_id: end.statement_id })
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
async function relinkSuccessors(
  sql: Sql,
  moved: Record<ChainKind, ChainPosition[]>,
): Promise<void> {
  const positions = (kind: ChainKind) =>
    JSON.stringify(
      moved[kind].map((p) => ({
        key_id: p[`${kind}_id`],
        proposition_id: p.proposition_id,
        said_on: p.said_on,
        statement_id: p.statement_id,
      })),
    );
  const recordset = `AS m(key_id text, proposition_id text, said_on date, statement_id uuid)`;
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
