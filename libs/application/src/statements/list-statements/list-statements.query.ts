import { Query } from '@nestjs/cqrs';
import type { StatementListFilter, StatementListQueries } from '@app/projections';

/** Every statement on record matching the filter, newest first, a page at a time. */
export class ListStatementsQuery extends Query<
  Awaited<ReturnType<StatementListQueries['statements']>>
> {
  constructor(readonly filter: StatementListFilter) {
    super();
  }
}
