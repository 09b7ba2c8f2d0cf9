import { Query } from '@nestjs/cqrs';
import type { AlertFilter, AlertQueries, TimeFilter } from '@app/projections';

/** The alerts standing (or cleared) at the time asked about, a page at a time. */
export class GetAlertsQuery extends Query<Awaited<ReturnType<AlertQueries['alerts']>>> {
  constructor(
    readonly filter: AlertFilter,
    readonly time: TimeFilter,
  ) {
    super();
  }
}
