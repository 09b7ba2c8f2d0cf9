import { Controller, Get, Header, Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { GetMetricsQuery } from '@app/application';
import { Access } from '../access/access.decorator';

/** Prometheus metrics of the store, the relays and the read models. */
@ApiExcludeController()
@Controller('metrics')
@Access('public')
export class MetricsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.queries.execute(new GetMetricsQuery());
  }
}
