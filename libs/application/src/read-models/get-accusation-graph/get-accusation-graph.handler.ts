import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { AccusationQueries } from '@app/projections';
import { requireRecord } from '../require-record';
import { GetAccusationGraphQuery } from './get-accusation-graph.query';

@QueryHandler(GetAccusationGraphQuery)
export class GetAccusationGraphHandler implements IQueryHandler<GetAccusationGraphQuery> {
  constructor(
    @Inject(AccusationQueries) private readonly queries: AccusationQueries,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
  ) {}

  async execute({ filter, time }: GetAccusationGraphQuery) {
    if (filter.actorId) await requireRecord(this.store, 'actor', filter.actorId);
    return this.queries.accusationGraph(filter, time);
  }
}
