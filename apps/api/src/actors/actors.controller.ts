import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ACTOR_FIELDS,
  AddActorAffiliationCommand,
  AddActorAliasCommand,
  EndActorAffiliationCommand,
  GetActorQuery,
  GetRecordHistoryQuery,
  MergeActorsCommand,
  RegisterActorCommand,
} from '@app/application';
import { SCHEMAS } from '../http/schemas';
import { Idempotent, IfMatch } from '../http/openapi';
import { bodyOf, changeContext, knownAtOf, noQuery, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('actors')
@ApiBearerAuth()
@Controller('actors')
export class ActorsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Idempotent()
  @ApiBody({ schema: SCHEMAS.registerActor })
  async register(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ACTOR_FIELDS);
    const result = await this.commands.execute(new RegisterActorCommand(body, writeContext(req)));
    return created(res, `/actors/${result.view.actorId}`, result.version, result.view);
  }

  @Get(':actorId')
  async get(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetActorQuery(actorId, knownAtOf(req)));
    return withVersion(res, result.version, result.view);
  }

  @Get(':actorId/events')
  async events(@Param('actorId') actorId: string, @Req() req: Request) {
    noQuery(req);
    const { id, events } = await this.queries.execute(new GetRecordHistoryQuery('actor', actorId));
    return { actorId: id, events };
  }

  @Post(':actorId/aliases')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.addAlias })
  async alias(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['alias']);
    const command = new AddActorAliasCommand(actorId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':actorId/affiliations')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.addAffiliation })
  async affiliate(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['affiliationId', 'organisationId', 'role', 'from', 'to']);
    const command = new AddActorAffiliationCommand(actorId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':actorId/affiliations/:affiliationId/end')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.endAffiliation })
  async endAffiliation(
    @Param('actorId') actorId: string,
    @Param('affiliationId') affiliationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['to']);
    const input = { affiliationId, to: body.to };
    const command = new EndActorAffiliationCommand(actorId, input, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  /** Merge a duplicate into another actor: the duplicate is closed, the survivor takes its names. */
  @Post(':actorId/merge')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.mergeActor })
  async merge(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['into', 'reason']);
    const result = await this.commands.execute(
      new MergeActorsCommand(actorId, body, changeContext(req)),
    );
    return withVersion(res, result.version, result.view);
  }
}
