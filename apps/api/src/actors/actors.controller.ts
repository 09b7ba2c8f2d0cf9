import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorDecider, ActorState, actorStreamId, slug } from '@app/domain';
import { CommandRunner } from '../commands/command-runner';
import { bodyOf, eventMetadata, ifMatch } from '../http/request-context';
import { created, history, requireFound, withVersion } from '../http/respond';

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

@Controller('actors')
export class ActorsController {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  @Post()
  async register(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['actorId', 'name', 'kind', 'aliases', 'wikidataId', 'countryCode']);
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
