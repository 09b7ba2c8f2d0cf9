import { BadRequestException, Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { BadCursorError, TimelineQueries } from '@app/projections';
import { requireRecord } from '../require-record';
import { GetTimelineQuery } from './get-timeline.query';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(
    @Inject(TimelineQueries) private readonly queries: TimelineQueries,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
  ) {}

  async execute({ actorId, filter }: GetTimelineQuery) {
    const id = await requireRecord(this.store, 'actor', actorId);
    try {
      return { actorId: id, ...(await this.queries.timeline(id, filter)) };
    } catch (error) {
      if (error instanceof BadCursorError)
        throw new BadRequestException({ message: error.message, field: 'cursor' });
      throw error;
    }
  }
}
