import { Query } from '@nestjs/cqrs';
import type { AccusationQueries, TimeFilter } from '@app/projections';

/** Accuser → accused edges with counts by status, allegations and responses. */
export class GetAccusationGraphQuery extends Query<
  Awaited<ReturnType<AccusationQueries['accusationGraph']>>
> {
  constructor(
    readonly filter: Parameters<AccusationQueries['accusationGraph']>[0],
    readonly time: TimeFilter,
  ) {
    super();
  }
}
