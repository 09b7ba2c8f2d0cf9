import { Query } from '@nestjs/cqrs';
import type { ReadModelQueries, TimeFilter } from '@app/projections';

/** Accuser → accused edges with counts by status, allegations and responses. */
export class GetAccusationGraphQuery extends Query<
  Awaited<ReturnType<ReadModelQueries['accusationGraph']>>
> {
  constructor(
    readonly filter: Parameters<ReadModelQueries['accusationGraph']>[0],
    readonly time: TimeFilter,
  ) {
    super();
  }
}
