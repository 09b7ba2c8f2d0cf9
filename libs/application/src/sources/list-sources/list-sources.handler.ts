import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SourceListQueries } from '@app/projections';
import { page } from '../../shared/pages';
import { ListSourcesQuery } from './list-sources.query';

@QueryHandler(ListSourcesQuery)
export class ListSourcesHandler implements IQueryHandler<ListSourcesQuery> {
  constructor(@Inject(SourceListQueries) private readonly queries: SourceListQueries) {}

  execute({ filter }: ListSourcesQuery) {
    return page(() => this.queries.sources(filter));
  }
}
