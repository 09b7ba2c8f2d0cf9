import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PositionQueries } from '@app/projections';
import { ActorLookup } from '../../actors/actor-lookup';
import { GetActorPositionsQuery } from './get-actor-positions.query';

@QueryHandler(GetActorPositionsQuery)
export class GetActorPositionsHandler implements IQueryHandler<GetActorPositionsQuery> {
  constructor(
    @Inject(PositionQueries) private readonly queries: PositionQueries,
    @Inject(ActorLookup) private readonly actors: ActorLookup,
  ) {}

  async execute({ actorId, role, time }: GetActorPositionsQuery) {
    const { actorId: id } = await this.actors.resolve(actorId);
    return this.queries.positionsOfActor(id, role, time);
  }
}
