/**
 * The actors read model: names, kinds, aliases and merges (rm_actors), and affiliations
 * (rm_affiliations). Rows are keyed by the
 * actor and written in stream order, so the table depends only on each actor's own history.
 */
import type { ActorEvent } from '@app/domain';
import { EventHandlers, ProjectionEvent, sequentialProjection } from '../projection';

const at = (event: ProjectionEvent) => event.recordedAt.toISOString();

const ACTOR_HANDLERS: EventHandlers<ActorEvent['type']> = {
  ActorRegistered: (sql, e) =>
    sql.query(
      `INSERT INTO rm_actors (actor_id, name, kind, aliases, country_code, known_from)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      // Fields older events may lack.
      [
        e.data.actorId,
        e.data.name,
        e.data.kind,
        e.data.aliases ?? [],
        e.data.countryCode ?? null,
        at(e),
      ],
    ),
  ActorAliasAdded: (sql, e) =>
    sql.query(`UPDATE rm_actors SET aliases = array_append(aliases, $2) WHERE actor_id = $1`, [
      e.data.actorId,
      e.data.alias,
    ]),
  ActorAbsorbed: (sql, e) =>
    sql.query(`UPDATE rm_actors SET aliases = aliases || $2::text[] WHERE actor_id = $1`, [
      e.data.actorId,
      e.data.aliases ?? [],
    ]),
  ActorMerged: (sql, e) =>
    sql.query(`UPDATE rm_actors SET merged_into = $2 WHERE actor_id = $1`, [
      e.data.actorId,
      e.data.into,
    ]),
  // Affiliations: which bodies an actor belongs to, when (the alert rules read them).
  ActorAffiliationAdded: (sql, e) =>
    sql.query(
      `INSERT INTO rm_affiliations
         (actor_id, affiliation_id, organisation_id, role, valid_from, valid_to, known_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        e.data.actorId,
        e.data.affiliationId,
        e.data.organisationId,
        e.data.role,
        e.data.from ?? null,
        e.data.to ?? null,
        at(e),
      ],
    ),
  ActorAffiliationEnded: (sql, e) =>
    sql.query(
      `UPDATE rm_affiliations SET valid_to = $3 WHERE actor_id = $1 AND affiliation_id = $2`,
      [e.data.actorId, e.data.affiliationId, e.data.to],
    ),
};

export const actorsProjection = sequentialProjection(
  'actors',
  [
    { table: 'rm_actors', key: 'actor_id' },
    { table: 'rm_affiliations', key: 'actor_id, affiliation_id' },
  ],
  ACTOR_HANDLERS,
);
