import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { RelationQueries } from '@app/projections';
import { ActorLookup } from '../../actors/actor-lookup';
import { GetRelationsQuery } from './get-relations.query';

@QueryHandler(GetRelationsQuery)
export class GetRelationsHandler implements IQueryHandler<GetRelationsQuery> {
  constructor(
    @Inject(RelationQueries) private readonly queries: RelationQueries,
    @Inject(ActorLookup) private readonly actors: ActorLookup,
  ) {}

  async execute({ actorId, direction, granularity, range, time }: GetRelationsQuery) {
    const { actorId: id } = await this.actors.resolve(actorId);
    return this.queries.relations(id, direction, granularity, range, time);
  }
}
