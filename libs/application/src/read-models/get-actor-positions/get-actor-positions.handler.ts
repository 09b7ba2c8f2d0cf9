import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { PositionQueries } from '@app/projections';
import { requireRecord } from '../require-record';
import { GetActorPositionsQuery } from './get-actor-positions.query';

@QueryHandler(GetActorPositionsQuery)
export class GetActorPositionsHandler implements IQueryHandler<GetActorPositionsQuery> {
  constructor(
    @Inject(PositionQueries) private readonly queries: PositionQueries,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
  ) {}

  async execute({ actorId, role, time }: GetActorPositionsQuery) {
    const id = await requireRecord(this.store, 'actor', actorId);
    return this.queries.positionsOfActor(id, role, time);
  }
}
