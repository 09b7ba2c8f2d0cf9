import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { GetHealthDetailsQuery, GetHealthQuery } from '@app/application';
import { Access } from '../access/access.decorator';
import { noQuery } from '../http/request-context';

@Controller('health')
@Access('public')
export class HealthController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  /**
   * Liveness for load balancers and anyone else: whether this instance can reach its database,
   * answered within a second on a connection of its own. It names no host, database or broker.
   */
  @Get()
  async health(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noQuery(req);
    const health = await this.queries.execute(new GetHealthQuery());
    res.status(health.database.ok ? 200 : 503);
    if (!health.database.ok) res.setHeader('Retry-After', '5');
    return health;
  }

  /** Liveness plus what this instance runs on and how far its relays and projections are. */
  @Get('details')
  @Access('admin')
  async details(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    noQuery(req);
    const details = await this.queries.execute(new GetHealthDetailsQuery());
    res.status(details.status === 'unavailable' ? 503 : 200);
    return details;
  }
}
