import { Query } from '@nestjs/cqrs';
import type { ReadModelQueries, TimeFilter } from '@app/projections';

/** The actor's positions: per proposition, stances over time, shifts, current stance. */
export class GetActorPositionsQuery extends Query<
  Awaited<ReturnType<ReadModelQueries['positionsOfActor']>>
> {
  constructor(
    readonly actorId: string,
    readonly role: 'principal' | 'speaker',
    readonly time: TimeFilter,
  ) {
    super();
  }
}
