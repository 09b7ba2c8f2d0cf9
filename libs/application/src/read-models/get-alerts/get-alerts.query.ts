import { Query } from '@nestjs/cqrs';
import type { AlertQueries, TimeFilter } from '@app/projections';

/** Stance reversals, self-contradictions and out-of-character statements. */
export class GetAlertsQuery extends Query<{
  total: number;
  alerts: Awaited<ReturnType<AlertQueries['alerts']>>;
}> {
  constructor(
    readonly filter: Parameters<AlertQueries['alerts']>[0],
    readonly limit: number,
    readonly time: TimeFilter,
  ) {
    super();
  }
}
