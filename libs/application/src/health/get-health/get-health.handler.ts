import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DatabaseProbe } from '@app/database';
import { GetHealthQuery, Health } from './get-health.query';

@QueryHandler(GetHealthQuery)
export class GetHealthHandler implements IQueryHandler<GetHealthQuery> {
  constructor(@Inject(DatabaseProbe) private readonly probe: DatabaseProbe) {}

  async execute(): Promise<Health> {
    const database = await this.probe.check();
    return {
      status: database.ok ? 'ok' : 'unavailable',
      database: { ok: database.ok, latencyMs: database.latencyMs },
    };
  }
}
