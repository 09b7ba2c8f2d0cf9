/**
 * The actors read model: names, kinds, aliases and merges (rm_actors). Rows are keyed by the
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
  // Affiliations are read from the actor's own stream by the command side; nothing to project.
  ActorAffiliationAdded: async () => undefined,
  ActorAffiliationEnded: async () => undefined,
};

export const actorsProjection = sequentialProjection(
  'actors',
  [{ table: 'rm_actors', key: 'actor_id' }],
  ACTOR_HANDLERS,
);
