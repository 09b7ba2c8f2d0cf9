import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { AlertQueries } from '@app/projections';
import { requireRecord } from '../require-record';
import { GetAlertsQuery } from './get-alerts.query';

@QueryHandler(GetAlertsQuery)
export class GetAlertsHandler implements IQueryHandler<GetAlertsQuery> {
  constructor(
    @Inject(AlertQueries) private readonly queries: AlertQueries,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
  ) {}

  async execute({ filter, limit, time }: GetAlertsQuery) {
    if (filter.actorId) await requireRecord(this.store, 'actor', filter.actorId);
    const alerts = await this.queries.alerts(filter, time);
    return { total: alerts.length, alerts: alerts.slice(0, limit) };
  }
}
