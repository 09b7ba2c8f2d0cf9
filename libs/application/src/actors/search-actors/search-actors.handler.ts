import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ActorSearchQueries } from '@app/projections';
import { page } from '../../shared/pages';
import { SearchActorsQuery } from './search-actors.query';

@QueryHandler(SearchActorsQuery)
export class SearchActorsHandler implements IQueryHandler<SearchActorsQuery> {
  constructor(@Inject(ActorSearchQueries) private readonly queries: ActorSearchQueries) {}

  execute({ filter }: SearchActorsQuery) {
    return page(() => this.queries.search(filter));
  }
}
