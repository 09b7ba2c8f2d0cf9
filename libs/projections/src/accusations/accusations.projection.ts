/**
 * The accusations read model: each accusation (rm_accusations) and the responses linked to it,
 * by stream position (rm_accusation_responses). Its status is derived at query time by the
 * domain's rule, from the responses visible then.
 */
import { AccusationEvent, AccusationResponseEvent, responseOf } from '@app/domain';
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

const ACCUSATION_HANDLERS: EventHandlers<AccusationEvent['type']> = {
  AccusationMade: (sql, e) =>
    sql.query(
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
    ),
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
