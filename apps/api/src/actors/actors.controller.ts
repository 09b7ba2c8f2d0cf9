import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorDecider, ActorState, actorStreamId, slug } from '@app/domain';
import { CommandRunner } from '@app/application';
import { References } from '../commands/references';
import { UnitOfWork } from '../commands/unit-of-work';
import { SCHEMAS } from '../http/schemas';
import { bodyOf, eventMetadata, ifMatch } from '../http/request-context';
import { created, history, requireFound, withVersion } from '../http/respond';
import { ACTOR_FIELDS } from '../commands/new-actors';

const view = (state: ActorState) => ({
  actorId: state.actorId,
  name: state.name,
  kind: state.kind,
  aliases: state.aliases,
  wikidataId: state.wikidataId,
  countryCode: state.countryCode,
  affiliations: state.affiliations,
  mergedInto: state.mergedInto,
});

@ApiTags('actors')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key returns the first result',
})
@Controller('actors')
export class ActorsController {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(References) private readonly references: References,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  @Post()
  @ApiBody({ schema: SCHEMAS.registerActor })
  async register(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ACTOR_FIELDS);
    const actorId = slug(body.actorId, 'actorId');
    const result = await this.runner.run({
      streamId: actorStreamId(actorId),
      decider: actorDecider,
      command: { type: 'RegisterActor', ...body, actorId, name: body.name, kind: body.kind },
      metadata: eventMetadata(req),
    });
    return created(res, `/actors/${actorId}`, result.version, view(result.state));
  }

  @Get(':actorId')
  async get(@Param('actorId') actorId: string, @Res({ passthrough: true }) res: Response) {
    const { state, version } = await this.runner.load(
      actorStreamId(slug(actorId, 'actorId')),
      actorDecider,
    );
    requireFound(version, `actor ${actorId}`);
    return withVersion(res, version, view(state));
  }

  @Get(':actorId/events')
  async events(@Param('actorId') actorId: string) {
    const { events, version } = await this.runner.load(
      actorStreamId(slug(actorId, 'actorId')),
      actorDecider,
    );
    requireFound(version, `actor ${actorId}`);
    return { actorId, events: history(events) };
  }

  @Post(':actorId/aliases')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.addAlias })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  alias(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['alias']);
    return this.change(actorId, req, res, { type: 'AddActorAlias', alias: body.alias });
  }

  @Post(':actorId/affiliations')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.addAffiliation })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  affiliate(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['affiliationId', 'organisationId', 'role', 'from', 'to']);
    return this.change(actorId, req, res, {
      type: 'AddActorAffiliation',
      ...body,
      affiliationId: body.affiliationId,
      organisationId: body.organisationId,
      role: body.role,
    });
  }

  @Post(':actorId/affiliations/:affiliationId/end')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.endAffiliation })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  endAffiliation(
    @Param('actorId') actorId: string,
    @Param('affiliationId') affiliationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['to']);
    return this.change(actorId, req, res, {
      type: 'EndActorAffiliation',
      affiliationId,
      to: body.to,
    });
  }

  /** Merge a duplicate into another actor: the duplicate is closed, the survivor takes its names. */
  @Post(':actorId/merge')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.mergeActor })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  async merge(
    @Param('actorId') actorId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const id = slug(actorId, 'actorId');
    const body = bodyOf(req, ['into', 'reason']);
    const metadata = eventMetadata(req);
    const expected = ifMatch(req);
    const result = await this.unitOfWork.transaction(async (manager) => {
      const into = slug(body.into, 'into');
      await this.references.require('actor', [{ field: 'into', id: into }], manager);
      const merged = await this.runner.run({
        streamId: actorStreamId(id),
        decider: actorDecider,
        command: { type: 'MergeActor', into, reason: body.reason },
        ifMatch: expected,
        metadata,
        manager,
      });
      await this.runner.run({
        streamId: actorStreamId(into),
        decider: actorDecider,
        command: {
          type: 'AbsorbActor',
          from: id,
          name: merged.state.name!,
          aliases: merged.state.aliases,
        },
        metadata,
        manager,
      });
      return merged;
    });
    return withVersion(res, result.version, view(result.state));
  }

  private async change(
    actorId: string,
    req: Request,
    res: Response,
    command: Parameters<typeof actorDecider.decide>[0],
  ) {
    const id = slug(actorId, 'actorId');
    const result = await this.runner.run({
      streamId: actorStreamId(id),
      decider: actorDecider,
      command,
      ifMatch: ifMatch(req),
      metadata: eventMetadata(req),
    });
    return withVersion(res, result.version, view(result.state));
  }
}
