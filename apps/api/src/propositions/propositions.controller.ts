import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  DefinePropositionCommand,
  GetPropositionQuery,
  GetRecordHistoryQuery,
  RewordPropositionCommand,
} from '@app/application';
import { SCHEMAS } from '../http/schemas';
import { Idempotent, IfMatch } from '../http/openapi';
import { bodyOf, changeContext, knownAtOf, noQuery, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('propositions')
@ApiBearerAuth()
@Controller('propositions')
export class PropositionsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Idempotent()
  @ApiBody({ schema: SCHEMAS.defineProposition })
  async define(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['propositionId', 'text', 'tags']);
    const result = await this.commands.execute(
      new DefinePropositionCommand(body, writeContext(req)),
    );
    const location = `/propositions/${result.view.propositionId}`;
    return created(res, location, result.version, result.view);
  }

  @Get(':propositionId')
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
  async events(@Param('propositionId') propositionId: string, @Req() req: Request) {
    noQuery(req);
    const query = new GetRecordHistoryQuery('proposition', propositionId);
    const { id, events } = await this.queries.execute(query);
    return { propositionId: id, events };
  }

  @Post(':propositionId/rewordings')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.rewordProposition })
  async reword(
    @Param('propositionId') propositionId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['text', 'reason']);
    const command = new RewordPropositionCommand(propositionId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }
}
