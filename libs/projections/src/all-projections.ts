/** The read models this service keeps, and the domain events none of them reads. */
import { accusationsProjection } from './accusations/accusations.projection';
import { actorsProjection } from './actors/actors.projection';
import { alertReviewsProjection } from './alerts/alert-reviews.projection';
import { alertsProjection } from './alerts/alerts.projection';
import { changesProjection } from './changes/changes.projection';
import type { EventType, Projection } from './projection';
import { sourcesProjection } from './news-sources/sources.projection';
import { propositionsProjection } from './propositions/propositions.projection';
import { relationsProjection } from './relations/relations.projection';
import { statementsProjection } from './statements/statements.projection';

/** Every read model, in the order they are applied within a batch. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  actorsProjection,
  sourcesProjection,
  propositionsProjection,
  statementsProjection,
  relationsProjection,
  accusationsProjection,
  alertReviewsProjection,
  // After the read models their rules and changes read.
  alertsProjection,
  changesProjection,
];

/**
 * Domain events no read model reads, on purpose: a source's candidates are read from its own
 * stream. A test holds this list and the projections to the domain's events.
 */
export const UNPROJECTED_EVENTS = [
  'SourceCandidatesProposed',
  'SourceCandidateAccepted',
  'SourceCandidateRejected',
] as const satisfies ReadonlyArray<EventType>;
