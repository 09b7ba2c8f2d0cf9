import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { RelationQueries } from '@app/projections';
import { requireRecord } from '../require-record';
import { GetRelationsQuery } from './get-relations.query';

@QueryHandler(GetRelationsQuery)
export class GetRelationsHandler implements IQueryHandler<GetRelationsQuery> {
  constructor(
    @Inject(RelationQueries) private readonly queries: RelationQueries,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
  ) {}

  async execute({ actorId, direction, granularity, range, time }: GetRelationsQuery) {
    const id = await requireRecord(this.store, 'actor', actorId);
    return this.queries.relations(id, direction, granularity, range, time);
  }
}
