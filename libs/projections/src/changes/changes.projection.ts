/**
 * Writes the change log's statement and accusation changes (the alerts projection writes its
 * own), after the statements and accusations read models applied the batch: each change carries
 * the record as it now stands and every actor it concerns — all versions' speakers, principals
 * and targets, so a correction reaches the watchers of whoever it took the statement from.
 */
import { statusOfResponses } from '@app/domain';
import type { EventHandlers, ProjectionEvent, Sql } from '../projection';
import { sequentialProjection } from '../projection';
import { ChangeKind } from './change-log';

const STATEMENT_KINDS = {
  StatementRecorded: 'statement.recorded',
  StatementCorrected: 'statement.corrected',
  StatementRetracted: 'statement.retracted',
  StatementWithdrawn: 'statement.withdrawn',
} as const satisfies Record<string, ChangeKind>;

const statementChange = async (
  sql: Sql,
  e: ProjectionEvent<keyof typeof STATEMENT_KINDS>,
): Promise<void> => {
  await sql.query(
    `INSERT INTO rm_changes (kind, ref, at, actor_ids, data)
     SELECT $2, $3, $4,
            (SELECT array_agg(DISTINCT a) FROM rm_statements v,
                    unnest(ARRAY[v.speaker_id, v.principal_id] || v.target_ids) AS a
              WHERE v.statement_id = $1 AND a IS NOT NULL),
            jsonb_build_object('statementId', s.statement_id, 'version', $5::int,
              'kind', s.kind, 'speakerId', s.speaker_id, 'principalId', s.principal_id,
              'targetIds', s.target_ids, 'quote', s.quote, 'summary', s.summary,
              'datedOn', s.dated_on, 'dateBasis', s.date_basis, 'status', s.status,
              'href', '/statements/' || s.statement_id)
       FROM rm_statements s WHERE s.statement_id = $1 AND s.known_to IS NULL
     ON CONFLICT (kind, ref, at) DO NOTHING`,
    [
      e.data.statementId,
      STATEMENT_KINDS[e.type],
      e.eventId,
      e.recordedAt.toISOString(),
      e.streamPosition,
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

const CHANGE_HANDLERS: EventHandlers<
  | keyof typeof STATEMENT_KINDS
  | 'AccusationMade'
  | 'AccusationDenied'
  | 'AccusationAcknowledged'
  | 'AccusationWithdrawn'
> = {
  StatementRecorded: statementChange,
  StatementCorrected: statementChange,
  StatementRetracted: statementChange,
  StatementWithdrawn: statementChange,
  AccusationMade: accusationChange,
  AccusationDenied: accusationChange,
  AccusationAcknowledged: accusationChange,
  AccusationWithdrawn: accusationChange,
};

/** The change log is not truncated by a rebuild: its rows are keyed so none is written twice. */
export const changesProjection = sequentialProjection('changes', [], CHANGE_HANDLERS);
