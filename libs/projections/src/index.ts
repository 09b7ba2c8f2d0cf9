import { ReadModels1764700000000 } from './migrations/1764700000000-read-models';
import { ProjectionLanes1764800000000 } from './migrations/1764800000000-projection-lanes';
import type { Projection } from './projection';
import { relationsProjection } from './read-models/relations';
import {
  accusationsProjection,
  actorsProjection,
  alertReviewsProjection,
  propositionsProjection,
} from './read-models/registry';
import { statementsProjection } from './read-models/statements';

export * from './projection';
export * from './engine';
export * from './checksum';
export * from './status';
export * from './sources/feed-projector';
export * from './sources/kafka-projector';
export * from './queries';
export { statementsProjection, nextVersion, saidOn } from './read-models/statements';
export { relationsProjection, bucketOf } from './read-models/relations';
export { accusationsProjection, actorsProjection, alertReviewsProjection, propositionsProjection };
export { ReadModels1764700000000, ProjectionLanes1764800000000 };

/** Every read model, in the order they are applied within a batch. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  actorsProjection,
  propositionsProjection,
  statementsProjection,
  relationsProjection,
  accusationsProjection,
  alertReviewsProjection,
];

export const PROJECTION_MIGRATIONS = [ReadModels1764700000000, ProjectionLanes1764800000000];
