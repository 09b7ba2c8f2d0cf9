import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AccusationGraphQueryString,
  AccusationGraphSchema,
  ActorPositionsSchema,
  AlertReviewSchema,
  AlertsQueryString,
  AlertsSchema,
  GetAccusationGraphQuery,
  GetActorPositionsQuery,
  GetAlertsQuery,
  GetPropositionPositionsQuery,
  GetRelationsQuery,
  GetTimelineQuery,
  PositionsQueryString,
  PropositionPositionsSchema,
  RelationsQueryString,
  RelationsSchema,
  ReviewAlertBody,
  ReviewAlertCommand,
  Static,
  TimelineQueryString,
  TimelineSchema,
  TimeQueryString,
} from '@app/application';
import { STATEMENT_KINDS } from '@app/domain';
import { ACCUSATION_STATUSES, ALERT_STATES, ALERT_TYPES } from '@app/projections';
import { Idempotent, Reads, Responds, Takes } from '../http/openapi';
import { writeContext } from '../http/request-context';
import { conditional, locate, paramsOf } from '../http/query-params';

const params = paramsOf;

/** The read side: positions, relations, timelines, the accusation graph and alerts (viewer role). */
@ApiTags('read models')
@Controller()
export class ReadModelsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get('actors/:actorId/positions')
  @Responds(
    'The actor’s positions: per proposition, stances over time, shifts, current stance',
    200,
    ActorPositionsSchema,
    { errors: [300, 404], conditional: true },
  )
  @Reads(PositionsQueryString)
  async positionsOfActor(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = params(req, PositionsQueryString);
    const role = query.oneOf('role', ['principal', 'speaker'] as const, 'principal')!;
    const positions = await this.queries.execute(
      new GetActorPositionsQuery(actorId, role, query.time()),
    );
    locate(req, res, actorId, positions.actorId);
    return conditional(req, res, positions);
  }

  @Get('propositions/:propositionId/positions')
  @Responds('Every actor’s position on a proposition', 200, PropositionPositionsSchema, {
    errors: [404],
    conditional: true,
  })
  @Reads(TimeQueryString)
  async positionsOnProposition(
    @Param('propositionId') propositionId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const time = params(req, TimeQueryString).time();
    const positions = new GetPropositionPositionsQuery(propositionId, time);
    return conditional(req, res, await this.queries.execute(positions));
  }

  @Get('actors/:actorId/relations')
  @Responds(
    'Attitude series: statements per week or month by kind and their mean Goldstein score, toward each target (outgoing) or from each speaker (incoming)',
    200,
    RelationsSchema,
    { errors: [300, 404], conditional: true },
  )
  @Reads(RelationsQueryString)
  async relations(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = params(req, RelationsQueryString);
    const direction = query.oneOf('direction', ['outgoing', 'incoming'] as const, 'outgoing')!;
    const granularity = query.oneOf('granularity', ['week', 'month'] as const, 'month')!;
    const range = { from: query.date('from'), to: query.date('to') };
    const relations = new GetRelationsQuery(actorId, direction, granularity, range, query.time());
    const answer = await this.queries.execute(relations);
    locate(req, res, actorId, answer.actorId);
    return conditional(req, res, answer);
  }

  @Get('actors/:actorId/timeline')
  @Responds(
    'Statements by or about the actor, newest first: corrections applied, retractions and withdrawals marked',
    200,
    TimelineSchema,
    { errors: [300, 404], conditional: true },
  )
  @Reads(TimelineQueryString)
  async timeline(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = params(req, TimelineQueryString);
    const timeline = new GetTimelineQuery(actorId, {
      ...query.time(),
      kind: query.oneOf('kind', STATEMENT_KINDS),
      targetId: query.slug('targetId'),
      propositionId: query.slug('propositionId'),
      q: query.text('q', 200),
      limit: query.limit(50, 500),
      cursor: query.text('cursor', 500),
    });
    const answer = await this.queries.execute(timeline);
    locate(req, res, actorId, answer.actorId);
    return conditional(req, res, answer);
  }

  @Get('accusation-graph')
  @Responds(
    'Accuser → accused edges with counts by status (open, denied, acknowledged, withdrawn), allegations and linked responses',
    200,
    AccusationGraphSchema,
    { errors: [404], conditional: true },
  )
  @Reads(AccusationGraphQueryString)
  async accusationGraph(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = params(req, AccusationGraphQueryString);
    const graph = new GetAccusationGraphQuery(
      {
        actorId: query.slug('actorId'),
        status: query.oneOf('status', ACCUSATION_STATUSES),
        from: query.date('from'),
        to: query.date('to'),
        limit: query.integer('limit', 50, 0, 500),
      },
      query.time(),
    );
    return conditional(req, res, await this.queries.execute(graph));
  }

  @Get('alerts')
  @Responds(
    'Alerts standing at the time asked about (or cleared by then): stance reversals, self-contradictions, out-of-character and self-directed hostility (possible misattributions), with evidence and actions',
    200,
    AlertsSchema,
    { errors: [300, 404], conditional: true },
  )
  @Reads(AlertsQueryString)
  async alerts(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = params(req, AlertsQueryString);
    const alerts = new GetAlertsQuery(
      {
        actorId: query.text('actorId', 200),
        type: query.oneOf('type', ALERT_TYPES),
        state: query.oneOf('state', ALERT_STATES),
        from: query.date('from'),
        to: query.date('to'),
        limit: query.limit(100, 500),
        cursor: query.text('cursor', 500),
      },
      query.time(),
    );
    return conditional(req, res, await this.queries.execute(alerts));
  }

  @Post('alerts/:alertId/dismissal')
  @HttpCode(200)
  @Responds('Dismiss an alert (analyst): kept on record with the reason', 200, AlertReviewSchema, {
    errors: [404, 409],
  })
  @Takes(ReviewAlertBody)
  @Idempotent()
  dismiss(
    @Param('alertId') alertId: string,
    @Body() body: Static<typeof ReviewAlertBody>,
    @Req() req: Request,
  ) {
    return this.commands.execute(
      new ReviewAlertCommand(alertId, 'DismissAlert', body, writeContext(req)),
    );
  }

  @Post('alerts/:alertId/reopening')
  @HttpCode(200)
  @Responds('Reopen a dismissed alert (analyst)', 200, AlertReviewSchema, { errors: [404, 409] })
  @Takes(ReviewAlertBody)
  @Idempotent()
  reopen(
    @Param('alertId') alertId: string,
    @Body() body: Static<typeof ReviewAlertBody>,
    @Req() req: Request,
  ) {
    return this.commands.execute(
      new ReviewAlertCommand(alertId, 'ReopenAlert', body, writeContext(req)),
    );
  }
}
