import { Query } from '@nestjs/cqrs';
import type { RelationQueries, TimeFilter } from '@app/projections';

/** Attitude series toward each target (outgoing) or from each speaker (incoming). */
export class GetRelationsQuery extends Query<Awaited<ReturnType<RelationQueries['relations']>>> {
  constructor(
    readonly actorId: string,
    readonly direction: 'outgoing' | 'incoming',
    readonly granularity: 'week' | 'month',
    readonly range: { from?: string; to?: string },
    readonly time: TimeFilter,
  ) {
    super();
  }
}
