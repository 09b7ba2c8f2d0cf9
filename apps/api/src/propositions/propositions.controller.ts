import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  DefinePropositionBody,
  DefinePropositionCommand,
  GetPropositionQuery,
  GetRecordHistoryQuery,
  KnownAtQueryString,
  ListPropositionsQuery,
  PropositionHistorySchema,
  PropositionListQueryString,
  PropositionListSchema,
  PropositionViewSchema,
  RewordPropositionBody,
  RewordPropositionCommand,
  Static,
} from '@app/application';
import { conditional, paramsOf } from '../http/query-params';
import { Idempotent, IfMatch, Reads, Responds, Takes } from '../http/openapi';
import { changeContext, knownAtOf, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('propositions')
@Controller('propositions')
export class PropositionsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Responds('Define a proposition statements can take a stance on', 201, PropositionViewSchema, {
    errors: [409],
  })
  @Takes(DefinePropositionBody)
  @Idempotent()
  async define(
    @Body() body: Static<typeof DefinePropositionBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(
      new DefinePropositionCommand(body, writeContext(req)),
    );
    const location = `/propositions/${result.view.propositionId}`;
    return created(res, location, result.version, result.view);
  }

  @Get()
  @Responds(
    'Find propositions by words of their id, wording or tags; with their stance counts',
    200,
    PropositionListSchema,
    { conditional: true },
  )
  @Reads(PropositionListQueryString)
  async list(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = paramsOf(req, PropositionListQueryString);
    const list = new ListPropositionsQuery({
      q: query.text('q', 200),
      limit: query.limit(50, 200),
      cursor: query.text('cursor', 500),
    });
    return conditional(req, res, await this.queries.execute(list));
  }

  @Get(':propositionId')
  @Responds('A proposition, now or as it stood at knownAt', 200, PropositionViewSchema, {
    errors: [404],
  })
  @Reads(KnownAtQueryString)
  async get(
    @Param('propositionId') propositionId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = new GetPropositionQuery(propositionId, knownAtOf(req));
    const result = await this.queries.execute(query);
    return withVersion(res, result.version, result.view);
  }

  @Get(':propositionId/events')
  @Responds('Every event of a proposition, oldest first', 200, PropositionHistorySchema, {
    errors: [404],
  })
  async events(@Param('propositionId') propositionId: string) {
    const query = new GetRecordHistoryQuery('proposition', propositionId);
    const { id, events } = await this.queries.execute(query);
    return { propositionId: id, events };
  }

  @Post(':propositionId/rewordings')
  @HttpCode(200)
  @Responds('Reword a proposition (its stances stay)', 200, PropositionViewSchema, {
    errors: [404, 409],
  })
  @Takes(RewordPropositionBody)
  @Idempotent()
  @IfMatch()
  async reword(
    @Param('propositionId') propositionId: string,
    @Body() body: Static<typeof RewordPropositionBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new RewordPropositionCommand(propositionId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }
}
