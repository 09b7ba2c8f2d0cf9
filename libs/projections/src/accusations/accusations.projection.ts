/**
 * The accusations read model: each accusation (rm_accusations) and the responses linked to it,
 * by stream position (rm_accusation_responses). Its status is derived at query time by the
 * domain's rule, from the responses visible then.
 *
 * An accusation-kind statement opens its accusation as it is recorded (same id as the
 * statement). Histories recorded before that rule have statements without one: the projection
 * derives it (`derived`, no event behind it) so the graph counts what the timeline shows. An
 * AccusationMade for the statement — the record itself, or one made later by hand — replaces
 * the derived row.
 */
import {
  AccusationEvent,
  AccusationResponseEvent,
  accusedBy,
  allegationOf,
  foldEvents,
  responseOf,
  StatementContent,
  StatementEvent,
  statementDecider,
  statementStreamId,
} from '@app/domain';
import { EventHandlers, ProjectionEvent, sequentialProjection, Sql } from '../projection';

/** A denial, acknowledgement or withdrawal: the kind of response is the domain's for the type. */
const respond = (sql: Sql, e: ProjectionEvent<AccusationResponseEvent>) =>
  sql.query(
    `INSERT INTO rm_accusation_responses
       (accusation_id, position, response, statement_id, respondent_id, known_from)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      e.data.accusationId,
      e.streamPosition,
      responseOf(e.type),
      e.data.statementId,
      e.data.respondentId,
      e.recordedAt.toISOString(),
    ],
  );

/**
 * Kafka lanes run side by side, and a statement and its accusation travel on different topics:
 * deriving one and recording one take turns per statement, so neither misses the other.
 */
const turnOf = (sql: Sql, statementId: string) =>
  sql.query(`SELECT pg_advisory_xact_lock(hashtext('statement-tracker.accusation:' || $1))`, [
    statementId,
  ]);

/** The accusation a statement implies without one on record (none if it has one, or accuses no one). */
async function derive(sql: Sql, statementId: string, content: StatementContent, at: Date) {
  if (content.kind !== 'accusation') return;
  const accused = accusedBy({ ...content, targetIds: content.targetIds ?? [] });
  if (accused.length === 0) return;
  await turnOf(sql, statementId);
  await sql.query(
    `INSERT INTO rm_accusations
       (accusation_id, statement_id, accuser_id, accused_ids, allegation, known_from, derived)
     SELECT $1::text, $1::uuid, $2, $3, $4, $5, true
      WHERE NOT EXISTS (SELECT 1 FROM rm_accusations WHERE statement_id = $1::uuid)`,
    [
      statementId,
      content.principalId ?? content.speakerId,
      accused,
      allegationOf(content),
      at.toISOString(),
    ],
  );
}

/** What a correction touching attribution or kind leaves the statement saying (its stream up to it). */
async function contentAfter(sql: Sql, statementId: string, position: number) {
  const rows = await sql.query<StatementEvent>(
    `SELECT type, data FROM events WHERE stream_id = $1 AND stream_position <= $2
      ORDER BY stream_position`,
    [statementStreamId(statementId), position],
  );
  const state = foldEvents(statementDecider, rows as StatementEvent[]);
  return state.content;
}

const ATTRIBUTION = ['kind', 'targetIds', 'speakerId', 'principalId'];

const ACCUSATION_HANDLERS: EventHandlers<
  AccusationEvent['type'] | 'StatementRecorded' | 'StatementCorrected'
> = {
  StatementRecorded: (sql, e) => derive(sql, e.data.statementId, e.data, e.recordedAt),
  StatementCorrected: async (sql, e) => {
    const changes: object = e.data.changes ?? {};
    if (!ATTRIBUTION.some((field) => field in changes)) return;
    const content = await contentAfter(sql, e.data.statementId, e.streamPosition);
    if (content) await derive(sql, e.data.statementId, content, e.recordedAt);
  },
  AccusationMade: async (sql, e) => {
    await turnOf(sql, e.data.statementId);
    await sql.query(`DELETE FROM rm_accusations WHERE statement_id = $1 AND derived`, [
      e.data.statementId,
    ]);
    await sql.query(
      `INSERT INTO rm_accusations (accusation_id, statement_id, accuser_id, accused_ids, allegation, known_from)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        e.data.accusationId,
        e.data.statementId,
        e.data.accuserId,
        e.data.accusedIds,
        e.data.allegation,
        e.recordedAt.toISOString(),
      ],
    );
  },
  AccusationDenied: respond,
  AccusationAcknowledged: respond,
  AccusationWithdrawn: respond,
};

export const accusationsProjection = sequentialProjection(
  'accusations',
  [
    { table: 'rm_accusations', key: 'accusation_id' },
    { table: 'rm_accusation_responses', key: 'accusation_id, position' },
  ],
  ACCUSATION_HANDLERS,
);
