import { Query } from '@nestjs/cqrs';
import type { ReadModelQueries, TimeFilter } from '@app/projections';

/** Stance reversals, self-contradictions and out-of-character statements. */
export class GetAlertsQuery extends Query<{
  total: number;
  alerts: Awaited<ReturnType<ReadModelQueries['alerts']>>;
}> {
  constructor(
    readonly filter: Parameters<ReadModelQueries['alerts']>[0],
    readonly limit: number,
    readonly time: TimeFilter,
  ) {
    super();
  }
}
