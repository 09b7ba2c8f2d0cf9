/**
 * The smaller read models: actors (names, aliases, merges), propositions, accusations with
 * their responses, and analysts' reviews of alerts. Rows are keyed by stream facts and written
 * with ON CONFLICT, so each depends only on its own stream's history.
 */
import type { Projection, ProjectionEvent, Sql } from '../projection';

const at = (event: ProjectionEvent) => event.recordedAt.toISOString();

/** Runs the events one by one, in order (these streams are low-volume). */
function sequential(
  handlers: Record<string, (sql: Sql, event: ProjectionEvent) => Promise<unknown>>,
) {
  return async (sql: Sql, events: ProjectionEvent[]) => {
    for (const event of events) {
      const handler = handlers[event.type];
      if (!handler) throw new Error(`no handler for ${event.type}`);
      await handler(sql, event);
    }
  };
}

const ACTOR_HANDLERS = {
  ActorRegistered: (sql: Sql, e: ProjectionEvent) =>
    sql.query(
      `INSERT INTO rm_actors (actor_id, name, kind, aliases, country_code, known_from)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        e.data.actorId,
        e.data.name,
        e.data.kind,
        e.data.aliases ?? [],
        e.data.countryCode ?? null,
        at(e),
      ],
    ),
  ActorAliasAdded: (sql: Sql, e: ProjectionEvent) =>
    sql.query(`UPDATE rm_actors SET aliases = array_append(aliases, $2) WHERE actor_id = $1`, [
      e.data.actorId,
      e.data.alias,
    ]),
  ActorAbsorbed: (sql: Sql, e: ProjectionEvent) =>
    sql.query(`UPDATE rm_actors SET aliases = aliases || $2::text[] WHERE actor_id = $1`, [
      e.data.actorId,
      e.data.aliases ?? [],
    ]),
  ActorMerged: (sql: Sql, e: ProjectionEvent) =>
    sql.query(`UPDATE rm_actors SET merged_into = $2 WHERE actor_id = $1`, [
      e.data.actorId,
      e.data.into,
    ]),
  // Affiliations are read from the actor's own stream by the command side; nothing to project.
  ActorAffiliationAdded: async () => undefined,
  ActorAffiliationEnded: async () => undefined,
};

export const actorsProjection: Projection = {
  name: 'actors',
  handles: new Set(Object.keys(ACTOR_HANDLERS)),
  tables: [{ table: 'rm_actors', key: 'actor_id' }],
  apply: sequential(ACTOR_HANDLERS),
};

const PROPOSITION_HANDLERS = {
  PropositionDefined: (sql: Sql, e: ProjectionEvent) =>
    sql.query(
      `INSERT INTO rm_propositions (proposition_id, text, tags, known_from) VALUES ($1, $2, $3, $4)`,
      [e.data.propositionId, e.data.text, e.data.tags ?? [], at(e)],
    ),
  PropositionReworded: (sql: Sql, e: ProjectionEvent) =>
    sql.query(`UPDATE rm_propositions SET text = $2 WHERE proposition_id = $1`, [
      e.data.propositionId,
      e.data.text,
    ]),
};

export const propositionsProjection: Projection = {
  name: 'propositions',
  handles: new Set(Object.keys(PROPOSITION_HANDLERS)),
  tables: [{ table: 'rm_propositions', key: 'proposition_id' }],
  apply: sequential(PROPOSITION_HANDLERS),
};

const respond = (response: string) => (sql: Sql, e: ProjectionEvent) =>
  sql.query(
    `INSERT INTO rm_accusation_responses
       (accusation_id, position, response, statement_id, respondent_id, known_from)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      e.data.accusationId,
      e.streamPosition,
      response,
      e.data.statementId,
      e.data.respondentId,
      at(e),
    ],
  );

const ACCUSATION_HANDLERS = {
  AccusationMade: (sql: Sql, e: ProjectionEvent) =>
    sql.query(
      `INSERT INTO rm_accusations (accusation_id, statement_id, accuser_id, accused_ids, allegation, known_from)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        e.data.accusationId,
        e.data.statementId,
        e.data.accuserId,
        e.data.accusedIds,
        e.data.allegation,
        at(e),
      ],
    ),
  AccusationDenied: respond('denial'),
  AccusationAcknowledged: respond('acknowledgement'),
  AccusationWithdrawn: respond('withdrawal'),
};

export const accusationsProjection: Projection = {
  name: 'accusations',
  handles: new Set(Object.keys(ACCUSATION_HANDLERS)),
  tables: [
    { table: 'rm_accusations', key: 'accusation_id' },
    { table: 'rm_accusation_responses', key: 'accusation_id, position' },
  ],
  apply: sequential(ACCUSATION_HANDLERS),
};

const review = (state: 'dismissed' | 'open') => async (sql: Sql, e: ProjectionEvent) => {
  await sql.query(
    `UPDATE rm_alert_reviews SET known_to = $2 WHERE alert_id = $1 AND known_to IS NULL`,
    [e.data.alertId, at(e)],
  );
  await sql.query(
    `INSERT INTO rm_alert_reviews (alert_id, version, state, reason, reviewed_by, known_from)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [e.data.alertId, e.streamPosition, state, e.data.reason, e.data.reviewedBy ?? null, at(e)],
  );
};

const ALERT_REVIEW_HANDLERS = {
  AlertDismissed: review('dismissed'),
  AlertReopened: review('open'),
};

export const alertReviewsProjection: Projection = {
  name: 'alert-reviews',
  handles: new Set(Object.keys(ALERT_REVIEW_HANDLERS)),
  tables: [{ table: 'rm_alert_reviews', key: 'alert_id, version' }],
  apply: sequential(ALERT_REVIEW_HANDLERS),
};
