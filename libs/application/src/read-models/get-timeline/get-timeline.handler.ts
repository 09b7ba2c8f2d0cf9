import { BadRequestException, Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BadCursorError, TimelineQueries } from '@app/projections';
import { ActorLookup } from '../../actors/actor-lookup';
import { GetTimelineQuery } from './get-timeline.query';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(
    @Inject(TimelineQueries) private readonly queries: TimelineQueries,
    @Inject(ActorLookup) private readonly actors: ActorLookup,
  ) {}

  async execute({ actorId, filter }: GetTimelineQuery) {
    const { actorId: id } = await this.actors.resolve(actorId);
    try {
      return { actorId: id, ...(await this.queries.timeline(id, filter)) };
    } catch (error) {
      if (error instanceof BadCursorError)
        throw new BadRequestException({ message: error.message, field: 'cursor' });
      throw error;
    }
  }
}
