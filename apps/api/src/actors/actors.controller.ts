import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ActorHistorySchema,
  ActorSearchQueryString,
  ActorSearchSchema,
  ActorViewSchema,
  AddActorAffiliationCommand,
  AddActorAliasCommand,
  AddAffiliationBody,
  AddAliasBody,
  EndActorAffiliationCommand,
  EndAffiliationBody,
  GetActorQuery,
  GetRecordHistoryQuery,
  KnownAtQueryString,
  MergeActorBody,
  MergeActorsCommand,
  RegisterActorBody,
  RegisterActorCommand,
  SearchActorsQuery,
  Static,
} from '@app/application';
import { conditional, locate, paramsOf } from '../http/query-params';
import { Idempotent, IfMatch, Reads, Responds, Takes } from '../http/openapi';
import { changeContext, knownAtOf, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('actors')
@Controller('actors')
export class ActorsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Responds('Register an actor', 201, ActorViewSchema, { errors: [409] })
  @Takes(RegisterActorBody)
  @Idempotent()
  async register(
    @Body() body: Static<typeof RegisterActorBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new RegisterActorCommand(body, writeContext(req)));
    return created(res, `/actors/${result.view.actorId}`, result.version, result.view);
  }

  @Get()
  @Responds(
    'Find actors by name or alias (ranked), or list them by name; with their statement counts',
    200,
    ActorSearchSchema,
    { conditional: true },
  )
  @Reads(ActorSearchQueryString)
  async search(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = paramsOf(req, ActorSearchQueryString);
    const search = new SearchActorsQuery({
      q: query.text('q', 200),
      kind: query.text('kind', 50),
      country: query.text('country', 2),
      limit: query.limit(20, 200),
      cursor: query.text('cursor', 500),
    });
    return conditional(req, res, await this.queries.execute(search));
  }

  @Get(':actorId')
  @Responds(
    'An actor by id, merged duplicate’s id, name or alias (Content-Location names the actor answered), now or as it stood at knownAt',
    200,
    ActorViewSchema,
    { errors: [300, 404] },
  )
  @Reads(KnownAtQueryString)
  async get(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetActorQuery(actorId, knownAtOf(req)));
    locate(req, res, actorId, result.view.actorId);
    return withVersion(res, result.version, result.view);
  }

  @Get(':actorId/events')
  @Responds('Every event of an actor, oldest first', 200, ActorHistorySchema, { errors: [404] })
  async events(@Param('actorId') actorId: string) {
    const { id, events } = await this.queries.execute(new GetRecordHistoryQuery('actor', actorId));
    return { actorId: id, events };
  }

  @Post(':actorId/aliases')
  @HttpCode(200)
  @Responds('Add a name the actor goes by', 200, ActorViewSchema, { errors: [404, 409] })
  @Takes(AddAliasBody)
  @Idempotent()
  @IfMatch()
  async alias(
    @Param('actorId') actorId: string,
    @Body() body: Static<typeof AddAliasBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new AddActorAliasCommand(actorId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':actorId/affiliations')
  @HttpCode(200)
  @Responds('Record whom the actor belongs to or speaks for, and when', 200, ActorViewSchema, {
    errors: [404, 409, 422],
  })
  @Takes(AddAffiliationBody)
  @Idempotent()
  @IfMatch()
  async affiliate(
    @Param('actorId') actorId: string,
    @Body() body: Static<typeof AddAffiliationBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new AddActorAffiliationCommand(actorId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':actorId/affiliations/:affiliationId/end')
  @HttpCode(200)
  @Responds('End an affiliation on a date', 200, ActorViewSchema, { errors: [404, 409] })
  @Takes(EndAffiliationBody)
  @Idempotent()
  @IfMatch()
  async endAffiliation(
    @Param('actorId') actorId: string,
    @Param('affiliationId') affiliationId: string,
    @Body() body: Static<typeof EndAffiliationBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const input = { affiliationId, to: body.to };
    const command = new EndActorAffiliationCommand(actorId, input, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':actorId/merge')
  @HttpCode(200)
  @Responds(
    'Merge a duplicate into another actor: the duplicate is closed, the survivor takes its names',
    200,
    ActorViewSchema,
    { errors: [404, 409, 422] },
  )
  @Takes(MergeActorBody)
  @Idempotent()
  @IfMatch()
  async merge(
    @Param('actorId') actorId: string,
    @Body() body: Static<typeof MergeActorBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new MergeActorsCommand(actorId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }
}
