import { Query } from '@nestjs/cqrs';
import type { SourceListFilter, SourceListQueries } from '@app/projections';

/** Sources by words, publisher and publication dates, newest published first. */
export class ListSourcesQuery extends Query<Awaited<ReturnType<SourceListQueries['sources']>>> {
  constructor(readonly filter: SourceListFilter) {
    super();
  }
}
