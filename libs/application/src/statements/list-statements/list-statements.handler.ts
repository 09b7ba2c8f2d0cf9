import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { StatementListQueries } from '@app/projections';
import { ActorLookup } from '../../actors/actor-lookup';
import { page } from '../../shared/pages';
import { ListStatementsQuery } from './list-statements.query';

const ACTOR_FILTERS = ['speakerId', 'principalId', 'targetId'] as const;

@QueryHandler(ListStatementsQuery)
export class ListStatementsHandler implements IQueryHandler<ListStatementsQuery> {
  constructor(
    @Inject(StatementListQueries) private readonly queries: StatementListQueries,
    @Inject(ActorLookup) private readonly actors: ActorLookup,
  ) {}

  /** Actor filters take an id, a merged duplicate's id or a name or alias, like the paths. */
  async execute({ filter }: ListStatementsQuery) {
    const resolved = { ...filter };
    for (const field of ACTOR_FILTERS)
      if (filter[field])
        resolved[field] = (await this.actors.resolve(filter[field], field)).actorId;
    return page(() => this.queries.statements(resolved));
  }
}
