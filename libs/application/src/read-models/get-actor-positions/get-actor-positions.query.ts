import { Query } from '@nestjs/cqrs';
import type { PositionQueries, TimeFilter } from '@app/projections';

/** The actor's positions: per proposition, stances over time, shifts, current stance. */
export class GetActorPositionsQuery extends Query<
  Awaited<ReturnType<PositionQueries['positionsOfActor']>>
> {
  constructor(
    readonly actorId: string,
    readonly role: 'principal' | 'speaker',
    readonly time: TimeFilter,
  ) {
    super();
  }
}
