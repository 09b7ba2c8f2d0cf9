import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PropositionListQueries } from '@app/projections';
import { page } from '../../shared/pages';
import { ListPropositionsQuery } from './list-propositions.query';

@QueryHandler(ListPropositionsQuery)
export class ListPropositionsHandler implements IQueryHandler<ListPropositionsQuery> {
  constructor(@Inject(PropositionListQueries) private readonly queries: PropositionListQueries) {}

  execute({ filter }: ListPropositionsQuery) {
    return page(() => this.queries.propositions(filter));
  }
}
