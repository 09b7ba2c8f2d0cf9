import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  GetAccusationQuery,
  GetRecordHistoryQuery,
  MakeAccusationCommand,
  RespondToAccusationCommand,
} from '@app/application';
import { SCHEMAS } from '../http/schemas';
import { Idempotent, IfMatch } from '../http/openapi';
import { bodyOf, changeContext, knownAtOf, noQuery, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('accusations')
@ApiBearerAuth()
@Controller('accusations')
export class AccusationsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  /** An accusation made by a recorded statement of kind accusation. */
  @Post()
  @Idempotent()
  @ApiBody({ schema: SCHEMAS.makeAccusation })
  async make(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['statementId', 'accusedIds', 'allegation']);
    const result = await this.commands.execute(new MakeAccusationCommand(body, writeContext(req)));
    return created(res, `/accusations/${result.accusationId}`, result.version, result.view);
  }

  @Get(':accusationId')
  async get(
    @Param('accusationId') accusationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = new GetAccusationQuery(accusationId, knownAtOf(req));
    const result = await this.queries.execute(query);
    return withVersion(res, result.version, result.view);
  }

  @Get(':accusationId/events')
  async events(@Param('accusationId') accusationId: string, @Req() req: Request) {
    noQuery(req);
    const query = new GetRecordHistoryQuery('accusation', accusationId);
    const { id, events } = await this.queries.execute(query);
    return { accusationId: id, events };
  }

  /** Link a statement as a denial or acknowledgement (by an accused) or a withdrawal (by the accuser). */
  @Post(':accusationId/responses')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.respondToAccusation })
  async respond(
    @Param('accusationId') accusationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['statementId', 'response']);
    const command = new RespondToAccusationCommand(accusationId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }
}
