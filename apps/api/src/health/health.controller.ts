import { Controller, Get, Inject, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  GetHealthDetailsQuery,
  GetHealthQuery,
  GetReadinessQuery,
  HealthDetailsSchema,
  HealthSchema,
  LivenessSchema,
  ReadinessSchema,
} from '@app/application';
import { Access } from '../access/access.decorator';
import { ref, Responds } from '../http/openapi';

@ApiTags('health')
@Controller('health')
@Access('public')
export class HealthController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  /**
   * Liveness for load balancers and anyone else: whether this instance can reach its database,
   * answered within a second on a connection of its own. It names no host, database or broker.
   */
  @Get()
  @Responds('Liveness: can this instance reach its database (503 if not)', 200, HealthSchema, {
    public: true,
  })
  @ApiResponse({
    status: 503,
    description: 'The database does not answer (Retry-After)',
    content: { 'application/json': { schema: ref(HealthSchema) } },
  })
  async health(@Res({ passthrough: true }) res: Response) {
    const health = await this.queries.execute(new GetHealthQuery());
    res.status(health.database.ok ? 200 : 503);
    if (!health.database.ok) res.setHeader('Retry-After', '5');
    return health;
  }

  /** Liveness: the process is up and answers HTTP (no database work: restart it if not). */
  @Get('live')
  @Responds('Liveness: this process answers (no database work)', 200, LivenessSchema, {
    public: true,
  })
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /**
   * Readiness: send it traffic? Its database answers, every migration it knows is applied,
   * and it is not shutting down; 503 with the reasons otherwise.
   */
  @Get('ready')
  @Responds(
    'Readiness: database reachable, migrations applied, not shutting down (503 with reasons if not)',
    200,
    ReadinessSchema,
    { public: true },
  )
  @ApiResponse({
    status: 503,
    description: 'Not ready; `reasons` says why (Retry-After)',
    content: { 'application/json': { schema: ref(ReadinessSchema) } },
  })
  async ready(@Res({ passthrough: true }) res: Response) {
    const readiness = await this.queries.execute(new GetReadinessQuery());
    res.status(readiness.status === 'ready' ? 200 : 503);
    if (readiness.status !== 'ready') res.setHeader('Retry-After', '5');
    return readiness;
  }

  /** Liveness plus what this instance runs on and how far its relays and projections are. */
  @Get('details')
  @Access('admin')
  @Responds(
    'Liveness plus what this instance runs on and how far its relays and projections are (admin)',
    200,
    HealthDetailsSchema,
  )
  async details(@Res({ passthrough: true }) res: Response) {
    const details = await this.queries.execute(new GetHealthDetailsQuery());
    res.status(details.status === 'unavailable' ? 503 : 200);
    return details;
  }
}
