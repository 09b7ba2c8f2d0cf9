import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { PositionQueries } from '@app/projections';
import { requireRecord } from '../require-record';
import { GetPropositionPositionsQuery } from './get-proposition-positions.query';

@QueryHandler(GetPropositionPositionsQuery)
export class GetPropositionPositionsHandler implements IQueryHandler<GetPropositionPositionsQuery> {
  constructor(
    @Inject(PositionQueries) private readonly queries: PositionQueries,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
  ) {}

  async execute({ propositionId, time }: GetPropositionPositionsQuery) {
    const id = await requireRecord(this.store, 'proposition', propositionId);
    return this.queries.positionsOnProposition(id, time);
  }
}
