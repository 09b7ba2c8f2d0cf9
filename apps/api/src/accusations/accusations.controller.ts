import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AccusationHistorySchema,
  AccusationViewSchema,
  GetAccusationQuery,
  GetRecordHistoryQuery,
  KnownAtQueryString,
  MakeAccusationBody,
  MakeAccusationCommand,
  RespondToAccusationBody,
  RespondToAccusationCommand,
  Static,
} from '@app/application';
import { Idempotent, IfMatch, Reads, Responds, Takes } from '../http/openapi';
import { changeContext, knownAtOf, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('accusations')
@Controller('accusations')
export class AccusationsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Responds(
    'An accusation made by hand from a recorded statement of kind accusation (one with targets opens its own as it is recorded: 409 here)',
    201,
    AccusationViewSchema,
    {
      errors: [409, 422],
    },
  )
  @Takes(MakeAccusationBody)
  @Idempotent()
  async make(
    @Body() body: Static<typeof MakeAccusationBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new MakeAccusationCommand(body, writeContext(req)));
    return created(res, `/accusations/${result.accusationId}`, result.version, result.view);
  }

  @Get(':accusationId')
  @Responds('An accusation, now or as it stood at knownAt', 200, AccusationViewSchema, {
    errors: [404],
  })
  @Reads(KnownAtQueryString)
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
  @Responds('Every event of an accusation, oldest first', 200, AccusationHistorySchema, {
    errors: [404],
  })
  async events(@Param('accusationId') accusationId: string) {
    const query = new GetRecordHistoryQuery('accusation', accusationId);
    const { id, events } = await this.queries.execute(query);
    return { accusationId: id, events };
  }

  @Post(':accusationId/responses')
  @HttpCode(200)
  @Responds(
    'Link a statement as a denial or acknowledgement (by an accused) or a withdrawal (by the accuser)',
    200,
    AccusationViewSchema,
    { errors: [404, 409, 422] },
  )
  @Takes(RespondToAccusationBody)
  @Idempotent()
  @IfMatch()
  async respond(
    @Param('accusationId') accusationId: string,
    @Body() body: Static<typeof RespondToAccusationBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new RespondToAccusationCommand(accusationId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }
}
