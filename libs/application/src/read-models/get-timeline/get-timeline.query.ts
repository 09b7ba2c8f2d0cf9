import { Query } from '@nestjs/cqrs';
import type { ReadModelQueries } from '@app/projections';

/** Statements by or about the actor, newest first, a page at a time. */
export class GetTimelineQuery extends Query<
  { actorId: string } & Awaited<ReturnType<ReadModelQueries['timeline']>>
> {
  constructor(
    readonly actorId: string,
    readonly filter: Parameters<ReadModelQueries['timeline']>[1],
  ) {
    super();
  }
}
