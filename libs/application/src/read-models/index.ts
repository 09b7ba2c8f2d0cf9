// The read side's use cases: queries over the read models, and the analysts' alert reviews.
import { GetAccusationGraphHandler } from './get-accusation-graph/get-accusation-graph.handler';
import { GetActorPositionsHandler } from './get-actor-positions/get-actor-positions.handler';
import { GetAlertsHandler } from './get-alerts/get-alerts.handler';
import { GetPropositionPositionsHandler } from './get-proposition-positions/get-proposition-positions.handler';
import { GetRelationsHandler } from './get-relations/get-relations.handler';
import { GetTimelineHandler } from './get-timeline/get-timeline.handler';
import { ReviewAlertHandler } from './review-alert/review-alert.handler';
import { OpenStreamHandler, ReadChangesHandler } from './live/open-stream.handler';
export * from './get-accusation-graph/get-accusation-graph.query';
export * from './get-actor-positions/get-actor-positions.query';
export * from './get-alerts/get-alerts.query';
export * from './get-proposition-positions/get-proposition-positions.query';
export * from './get-relations/get-relations.query';
export * from './get-timeline/get-timeline.query';
export * from './review-alert/review-alert.command';
export * from './live/open-stream.query';
export * from './live/live-changes';

export const READ_MODEL_HANDLERS = [
  GetAccusationGraphHandler,
  GetActorPositionsHandler,
  GetAlertsHandler,
  GetPropositionPositionsHandler,
  GetRelationsHandler,
  GetTimelineHandler,
  ReviewAlertHandler,
  OpenStreamHandler,
  ReadChangesHandler,
];
export * from './read-model.schemas';
