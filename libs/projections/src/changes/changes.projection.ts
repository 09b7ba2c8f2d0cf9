/**
 * Writes the change log's statement and accusation changes (the alerts projection writes its
 * own), after the statements and accusations read models applied the batch: each change carries
 * the record as it now stands and every actor it concerns — all versions' speakers, principals
 * and targets, so a correction reaches the watchers of whoever it took the statement from.
 */
import { statusOfResponses } from '@app/domain';
import type { EventHandlers, Projection, ProjectionEvent, Sql } from '../projection';
import { ChangeKind } from './change-log';

const STATEMENT_KINDS = {
  StatementRecorded: 'statement.recorded',
  StatementCorrected: 'statement.corrected',
  StatementRetracted: 'statement.retracted',
  StatementWithdrawn: 'statement.withdrawn',
} as const satisfies Record<string, ChangeKind>;

/** Every statement change of the batch in one statement (a rebuild passes millions). */
const statementChanges = async (
  sql: Sql,
  events: Array<ProjectionEvent<keyof typeof STATEMENT_KINDS>>,
): Promise<void> => {
  if (events.length === 0) return;
  await sql.query(
    `INSERT INTO rm_changes (kind, ref, at, actor_ids, data)
     SELECT e.kind, e.ref, e.at,
            (SELECT array_agg(DISTINCT a) FROM rm_statements v,
                    unnest(ARRAY[v.speaker_id, v.principal_id] || v.target_ids) AS a
              WHERE v.statement_id = e.statement_id AND a IS NOT NULL),
            jsonb_build_object('statementId', s.statement_id, 'version', e.version,
              'kind', s.kind, 'speakerId', s.speaker_id, 'principalId', s.principal_id,
              'targetIds', s.target_ids, 'quote', s.quote, 'summary', s.summary,
              'datedOn', s.dated_on, 'dateBasis', s.date_basis, 'status', s.status,
              'href', '/statements/' || s.statement_id)
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::int[])
              WITH ORDINALITY AS e(statement_id, kind, ref, at, version, n)
       JOIN rm_statements s ON s.statement_id = e.statement_id AND s.known_to IS NULL
      ORDER BY e.n
     ON CONFLICT (kind, ref, at) DO NOTHING`,
    [
      events.map((e) => e.data.statementId),
      events.map((e) => STATEMENT_KINDS[e.type]),
      events.map((e) => e.eventId),
      events.map((e) => e.recordedAt.toISOString()),
      events.map((e) => e.streamPosition),
    ],
  );
};

const accusationChange = async (
  sql: Sql,
  e: ProjectionEvent<
    'AccusationMade' | 'AccusationDenied' | 'AccusationAcknowledged' | 'AccusationWithdrawn'
  >,
): Promise<void> => {
  const [row] = await sql.query<{
    statement_id: string;
    accuser_id: string;
    accused_ids: string[];
    responses: string[] | null;
  }>(
    `SELECT a.statement_id::text, a.accuser_id, a.accused_ids,
            (SELECT array_agg(r.response ORDER BY r.position) FROM rm_accusation_responses r
              WHERE r.accusation_id = a.accusation_id) AS responses
       FROM rm_accusations a WHERE a.accusation_id = $1`,
    [e.data.accusationId],
  );
  if (!row) return;
  const status = statusOfResponses((row.responses ?? []) as never);
  const respondent = 'respondentId' in e.data ? e.data.respondentId : null;
  await sql.query(
    `INSERT INTO rm_changes (kind, ref, at, actor_ids, data) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kind, ref, at) DO NOTHING`,
    [
      e.type === 'AccusationMade' ? 'accusation.opened' : 'accusation.status-changed',
      e.eventId,
      e.recordedAt.toISOString(),
      [...new Set([row.accuser_id, ...row.accused_ids, ...(respondent ? [respondent] : [])])],
      {
        accusationId: e.data.accusationId,
        statementId: row.statement_id,
        accuserId: row.accuser_id,
        accusedIds: row.accused_ids,
        status,
        response: e.type === 'AccusationMade' ? null : e.type,
        href: `/accusations/${e.data.accusationId}`,
      },
    ],
  );
};

const ACCUSATION_HANDLERS: EventHandlers<
  'AccusationMade' | 'AccusationDenied' | 'AccusationAcknowledged' | 'AccusationWithdrawn'
> = {
  AccusationMade: accusationChange,
  AccusationDenied: accusationChange,
  AccusationAcknowledged: accusationChange,
  AccusationWithdrawn: accusationChange,
};

const HANDLED = [...Object.keys(STATEMENT_KINDS), ...Object.keys(ACCUSATION_HANDLERS)] as Array<
  keyof typeof STATEMENT_KINDS | keyof typeof ACCUSATION_HANDLERS
>;

/** The change log is not truncated by a rebuild: its rows are keyed so none is written twice. */
export const changesProjection: Projection<(typeof HANDLED)[number]> = {
  name: 'changes',
  handles: new Set(HANDLED),
  tables: [],
  async apply(sql, events) {
    // In event order: statement changes in runs (one statement each), accusations one by one.
    let run: Array<ProjectionEvent<keyof typeof STATEMENT_KINDS>> = [];
    for (const event of events) {
      if (event.type in STATEMENT_KINDS) {
        run.push(event as ProjectionEvent<keyof typeof STATEMENT_KINDS>);
        continue;
      }
      await statementChanges(sql, run);
      run = [];
      const handler = ACCUSATION_HANDLERS[event.type as keyof typeof ACCUSATION_HANDLERS];
      await handler(sql, event as never);
    }
    await statementChanges(sql, run);
  },
};
