/**
 * The statements read model: every version of every statement's record (rm_statements) and the
 * stances of each version (rm_stances). A correction, retraction, withdrawal, mention or stance
 * closes the current version (known_to = the event's recordedAt) and opens the next, so any past
 * state of the record can be read back ("as known at"). Timeline, positions and alerts read it.
 */
import { countVersions } from './actor-counts';
import { recordTargets } from './target-records';
import type { Projection, ProjectionEvent, Sql } from '../projection';
import { mentionOf, PublicationDates, publicationDates, unreportedSources } from './dating';
import { chainPositions, insertStances, linkChains, relinkSuccessors } from './stance-chains';
import {
  nextVersion,
  STATEMENT_EVENTS,
  StatementEventType,
  statementIdOf,
  StatementVersion,
} from './statement-version';

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
  ['dated_on', 'date'],
  ['date_basis', 'text'],
  ['said_precision', 'text'],
  ['reported_on', 'date'],
  ['recorded_on', 'date'],
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

/** A stored version the batch closes, and when. */
interface Close {
  id: string;
  version: number;
  knownTo: string;
  /** The version as it was stored (its chain rows leave their chains). */
  was: StatementVersion;
}

/**
 * The batch folded over the current versions: the stored versions it closes and the versions it
 * opens (in event order; those it also supersedes are inserted already closed).
 */
function fold(
  events: ProjectionEvent<StatementEventType>[],
  current: Map<string, StatementVersion>,
  published: PublicationDates,
): { closes: Close[]; inserts: StatementVersion[] } {
  const closes: Close[] = [];
  const inserts: StatementVersion[] = [];
  const opened = new Set<StatementVersion>();
  for (const event of events) {
    const id = statementIdOf(event);
    const before = current.get(id);
    const after = nextVersion(before, event, published);
    if (before) {
      // A version opened in this batch is inserted already closed; a stored one is closed here.
      if (!opened.has(before))
        closes.push({ id, version: before.version, knownTo: after.known_from, was: { ...before } });
      before.known_to = after.known_from;
    }
    inserts.push(after);
    opened.add(after);
    current.set(id, after);
  }
  return { closes, inserts };
}

export const statementsProjection: Projection<StatementEventType> = {
  name: 'statements',
  handles: new Set(STATEMENT_EVENTS),
  tables: [
    { table: 'rm_statements', key: 'statement_id, version' },
    { table: 'rm_stances', key: 'statement_id, version, proposition_id' },
    { table: 'rm_actor_counts', key: 'actor_id, role' },
    { table: 'rm_actor_target_months', key: 'actor_id, target_id, month' },
  ],

  async apply(sql: Sql, events: ProjectionEvent<StatementEventType>[]): Promise<void> {
    // Only changes need the stored version; a new statement's insert fails on the key if the
    // statement were somehow there already.
    const ids = [
      ...new Set(events.filter((e) => e.type !== 'StatementRecorded').map(statementIdOf)),
    ];
    const current = new Map<string, StatementVersion>();
    if (ids.length > 0)
      for (const row of await sql.query<StatementVersion>(SELECT_CURRENT, [ids]))
        current.set(row.statement_id, row);
    const published = await publicationDates(sql, unreportedSources(events.map(mentionOf)));
    const { closes, inserts } = fold(events, current, published);
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
    const links = await linkChains(
      sql,
      closes.flatMap((c) => chainPositions(c.was)),
      inserts.filter((v) => v.known_to === null).flatMap((v) => chainPositions(v)),
    );
    // A closed stance leaves its chains: its links are dropped (they would otherwise depend on
    // when it was closed).
    if (closes.length > 0)
      await close('rm_stances', ', actor_previous = NULL, speaker_previous = NULL');
    await insertStances(sql, inserts, links);
    if (links.relink.actor.length + links.relink.speaker.length > 0)
      await relinkSuccessors(sql, links.relink);
    const closed = closes.map((c) => c.was);
    const opened = inserts.filter((v) => v.known_to === null);
    await countVersions(sql, closed, opened);
    await recordTargets(sql, closed, opened);
  },
};
