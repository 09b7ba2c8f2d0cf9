import { ReadModels1764700000000 } from './migrations/1764700000000-read-models';
import { ProjectionLanes1764800000000 } from './migrations/1764800000000-projection-lanes';
import { StatementDating1765200000000 } from './migrations/1765200000000-statement-dating';
import { Search1765300000000 } from './migrations/1765300000000-search';
import { AccusationsFromStatements1765400000000 } from './migrations/1765400000000-accusations-from-statements';
import { MaintainedAlerts1765500000000 } from './migrations/1765500000000-maintained-alerts';
import { ProjectionReplays1765600000000 } from './migrations/1765600000000-projection-replays';
import { AlertChangeTimes1765700000001 } from './migrations/1765700000001-alert-change-times';
import { ActorTargetMonths1765800000000 } from './migrations/1765800000000-actor-target-months';

export * from './projection';
export * from './engine';
export * from './checksum';
export * from './replay/replay';
export * from './status';
export * from './sources/feed-projector';
export * from './sources/kafka-projector';
export * from './all-projections';
export * from './shared/time';
export { ACTOR_IDS_SQL, type Queryable } from './shared/labels';
export { BadCursorError } from './shared/cursor';

export { actorsProjection } from './actors/actors.projection';
export * from './actors/registered-actors';
export * from './actors/actor-search.queries';
export * from './statements/statement-list.queries';
export * from './statements/statement-export.queries';
export * from './propositions/proposition-list.queries';
export { sourcesProjection } from './news-sources/sources.projection';
export * from './news-sources/source-list.queries';
export { propositionsProjection } from './propositions/propositions.projection';
export { statementsProjection } from './statements/statements.projection';
export {
  nextVersion,
  saidOn,
  STATEMENT_EVENTS,
  type StatementStatus,
  type StatementVersion,
} from './statements/statement-version';
export * from './statements/timeline.queries';
export * from './statements/positions.queries';
export * from './statements/quoted-statements';
export { DATE_BASES, type DateBasis } from './statements/dating';
export {
  relationsProjection,
  bucketOf,
  type Granularity,
  GRANULARITIES,
} from './relations/relations.projection';
export * from './relations/relations.queries';
export { accusationsProjection } from './accusations/accusations.projection';
export * from './accusations/accusation-graph.queries';
export { alertReviewsProjection, type AlertState } from './alerts/alert-reviews.projection';
export * from './alerts/alerts.queries';
export { alertsProjection, maintainAlerts } from './alerts/alerts.projection';
export { raisedAlerts } from './alerts/alert-rules';
export * from './changes/change-log';
export * from './changes/audit-trail.queries';
export * from './changes/alert-announcer';
export { changesProjection } from './changes/changes.projection';
// The accusation statuses are the domain's; re-exported for the read side's callers.
export { ACCUSATION_STATUSES, type AccusationStatus } from '@app/domain';

/** The read models' migrations (TypeORM orders them by the timestamps in their names). */
export const PROJECTION_MIGRATIONS = [
  ReadModels1764700000000,
  ProjectionLanes1764800000000,
  StatementDating1765200000000,
  Search1765300000000,
  AccusationsFromStatements1765400000000,
  MaintainedAlerts1765500000000,
  ProjectionReplays1765600000000,
  AlertChangeTimes1765700000001,
  ActorTargetMonths1765800000000,
];
