import { Query } from '@nestjs/cqrs';
import type { PositionQueries, TimeFilter } from '@app/projections';

/** Every actor's position on a proposition. */
export class GetPropositionPositionsQuery extends Query<
  Awaited<ReturnType<PositionQueries['positionsOnProposition']>>
> {
  constructor(
    readonly propositionId: string,
    readonly time: TimeFilter,
  ) {
    super();
  }
}
