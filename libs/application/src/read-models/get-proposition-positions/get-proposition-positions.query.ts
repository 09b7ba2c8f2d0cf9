import { Query } from '@nestjs/cqrs';
import type { ReadModelQueries, TimeFilter } from '@app/projections';

/** Every actor's position on a proposition. */
export class GetPropositionPositionsQuery extends Query<
  Awaited<ReturnType<ReadModelQueries['positionsOnProposition']>>
> {
  constructor(
    readonly propositionId: string,
    readonly time: TimeFilter,
  ) {
    super();
  }
}
