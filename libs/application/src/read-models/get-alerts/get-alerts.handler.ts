import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AlertQueries } from '@app/projections';
import { ActorLookup } from '../../actors/actor-lookup';
import { page } from '../../shared/pages';
import { GetAlertsQuery } from './get-alerts.query';

@QueryHandler(GetAlertsQuery)
export class GetAlertsHandler implements IQueryHandler<GetAlertsQuery> {
  constructor(
    @Inject(AlertQueries) private readonly queries: AlertQueries,
    @Inject(ActorLookup) private readonly actors: ActorLookup,
  ) {}

  /** `actorId` takes an id, a merged duplicate's id, or a name or alias, like the paths. */
  async execute({ filter, time }: GetAlertsQuery) {
    const actorId = filter.actorId
      ? (await this.actors.resolve(filter.actorId)).actorId
      : undefined;
    return page(() => this.queries.alerts({ ...filter, actorId }, time));
  }
}
