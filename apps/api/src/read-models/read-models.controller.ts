import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  GetAccusationGraphQuery,
  GetActorPositionsQuery,
  GetAlertsQuery,
  GetPropositionPositionsQuery,
  GetRelationsQuery,
  GetTimelineQuery,
  ReviewAlertCommand,
} from '@app/application';
import { STATEMENT_KINDS } from '@app/domain';
import { ACCUSATION_STATUSES, ALERT_TYPES } from '@app/projections';
import { Idempotent } from '../http/openapi';
import { bodyOf, writeContext } from '../http/request-context';
import { conditional, QueryParams, TIME_PARAMS } from '../http/query-params';

const TIME_DOCS = [
  ApiQuery({
    name: 'asOf',
    required: false,
    description: 'YYYY-MM-DD: only what had been said by then (valid time)',
  }),
  ApiQuery({
    name: 'knownAt',
    required: false,
    description: 'ISO date-time: the record as it stood then (transaction time)',
  }),
];
const withTime = (): MethodDecorator => (target, key, descriptor) => {
  for (const doc of TIME_DOCS) doc(target, key, descriptor);
};

/** The read side: positions, relations, timelines, the accusation graph and alerts (viewer role). */
@ApiTags('read models')
@ApiBearerAuth()
@Controller()
export class ReadModelsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get('actors/:actorId/positions')
  @ApiOperation({
    summary: 'The actor’s positions: per proposition, stances over time, shifts, current stance',
  })
  @ApiQuery({ name: 'role', required: false, enum: ['principal', 'speaker'] })
  @withTime()
  async positionsOfActor(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = new QueryParams(req, ['role', ...TIME_PARAMS]);
    const role = query.oneOf('role', ['principal', 'speaker'] as const, 'principal')!;
    const positions = new GetActorPositionsQuery(actorId, role, query.time());
    return conditional(req, res, await this.queries.execute(positions));
  }

  @Get('propositions/:propositionId/positions')
  @ApiOperation({ summary: 'Every actor’s position on a proposition' })
  @withTime()
  async positionsOnProposition(
    @Param('propositionId') propositionId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const time = new QueryParams(req, [...TIME_PARAMS]).time();
    const positions = new GetPropositionPositionsQuery(propositionId, time);
    return conditional(req, res, await this.queries.execute(positions));
  }

  @Get('actors/:actorId/relations')
  @ApiOperation({
    summary:
      'Attitude series: statements per week or month by kind and their mean Goldstein score, toward each target (outgoing) or from each speaker (incoming)',
  })
  @ApiQuery({ name: 'direction', required: false, enum: ['outgoing', 'incoming'] })
  @ApiQuery({ name: 'granularity', required: false, enum: ['week', 'month'] })
  @ApiQuery({ name: 'from', required: false, description: 'first bucket, YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'last bucket, YYYY-MM-DD' })
  @withTime()
  async relations(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = new QueryParams(req, ['direction', 'granularity', 'from', 'to', ...TIME_PARAMS]);
    const direction = query.oneOf('direction', ['outgoing', 'incoming'] as const, 'outgoing')!;
    const granularity = query.oneOf('granularity', ['week', 'month'] as const, 'month')!;
    const range = { from: query.date('from'), to: query.date('to') };
    const relations = new GetRelationsQuery(actorId, direction, granularity, range, query.time());
    return conditional(req, res, await this.queries.execute(relations));
  }

  @Get('actors/:actorId/timeline')
  @ApiOperation({
    summary:
      'Statements by or about the actor, newest first: corrections applied, retractions and withdrawals marked',
  })
  @ApiQuery({ name: 'kind', required: false, enum: STATEMENT_KINDS })
  @ApiQuery({ name: 'targetId', required: false })
  @ApiQuery({ name: 'propositionId', required: false })
  @ApiQuery({
    name: 'q',
    required: false,
    description: 'full-text search over quotes and summaries (words, "phrases", -excluded)',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @withTime()
  async timeline(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = new QueryParams(req, [
      'kind',
      'targetId',
      'propositionId',
      'q',
      'limit',
      'cursor',
      ...TIME_PARAMS,
    ]);
    const timeline = new GetTimelineQuery(actorId, {
      ...query.time(),
      kind: query.oneOf('kind', STATEMENT_KINDS),
      targetId: query.slug('targetId'),
      propositionId: query.slug('propositionId'),
      q: query.text('q', 200),
      limit: query.limit(50, 500),
      cursor: query.text('cursor', 500),
    });
    return conditional(req, res, await this.queries.execute(timeline));
  }

  @Get('accusation-graph')
  @ApiOperation({
    summary:
      'Accuser → accused edges with counts by status (open, denied, acknowledged, withdrawn), allegations and linked responses',
  })
  @ApiQuery({ name: 'actorId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ACCUSATION_STATUSES })
  @ApiQuery({ name: 'from', required: false, description: 'said on or after, YYYY-MM-DD' })
  @ApiQuery({ name: 'to', required: false, description: 'said on or before, YYYY-MM-DD' })
  @ApiQuery({ name: 'limit', required: false, description: 'allegations listed per edge, 1–500' })
  @withTime()
  async accusationGraph(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = new QueryParams(req, [
      'actorId',
      'status',
      'from',
      'to',
      'limit',
      ...TIME_PARAMS,
    ]);
    const graph = new GetAccusationGraphQuery(
      {
        actorId: query.slug('actorId'),
        status: query.oneOf('status', ACCUSATION_STATUSES),
        from: query.date('from'),
        to: query.date('to'),
        limit: query.limit(50, 500),
      },
      query.time(),
    );
    return conditional(req, res, await this.queries.execute(graph));
  }

  @Get('alerts')
  @ApiOperation({
    summary:
      'Stance reversals, self-contradictions and out-of-character statements (possible misattributions), with evidence and actions',
  })
  @ApiQuery({ name: 'actorId', required: false })
  @ApiQuery({ name: 'type', required: false, enum: ALERT_TYPES })
  @ApiQuery({ name: 'state', required: false, enum: ['open', 'dismissed'] })
  @ApiQuery({ name: 'limit', required: false, description: '1–500, default 100' })
  @withTime()
  async alerts(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = new QueryParams(req, ['actorId', 'type', 'state', 'limit', ...TIME_PARAMS]);
    const alerts = new GetAlertsQuery(
      {
        actorId: query.slug('actorId'),
        type: query.oneOf('type', ALERT_TYPES),
        state: query.oneOf('state', ['open', 'dismissed'] as const),
      },
      query.limit(100, 500),
      query.time(),
    );
    return conditional(req, res, await this.queries.execute(alerts));
  }

  @Post('alerts/:alertId/dismissal')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Dismiss an alert (analyst): kept on record with the reason' })
  @ApiBody({
    schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
  })
  dismiss(@Param('alertId') alertId: string, @Req() req: Request) {
    return this.review(alertId, req, 'DismissAlert');
  }

  @Post('alerts/:alertId/reopening')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ summary: 'Reopen a dismissed alert (analyst)' })
  @ApiBody({
    schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
  })
  reopen(@Param('alertId') alertId: string, @Req() req: Request) {
    return this.review(alertId, req, 'ReopenAlert');
  }

  private review(alertId: string, req: Request, action: 'DismissAlert' | 'ReopenAlert') {
    const body = bodyOf(req, ['reason']);
    return this.commands.execute(new ReviewAlertCommand(alertId, action, body, writeContext(req)));
  }
}
