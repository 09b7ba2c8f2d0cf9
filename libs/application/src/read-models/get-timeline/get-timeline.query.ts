import { Query } from '@nestjs/cqrs';
import type { TimelineQueries } from '@app/projections';

/** Statements by or about the actor, newest first, a page at a time. */
export class GetTimelineQuery extends Query<
  { actorId: string } & Awaited<ReturnType<TimelineQueries['timeline']>>
> {
  constructor(
    readonly actorId: string,
    readonly filter: Parameters<TimelineQueries['timeline']>[1],
  ) {
    super();
  }
}
