import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { propositionDecider, PropositionState, propositionStreamId, slug } from '@app/domain';
import { CommandRunner } from '@app/application';
import { SCHEMAS } from '../http/schemas';
import { bodyOf, eventMetadata, ifMatch } from '../http/request-context';
import { created, history, requireFound, withVersion } from '../http/respond';

const view = (state: PropositionState) => ({
  propositionId: state.propositionId,
  text: state.text,
  tags: state.tags,
});

@ApiTags('propositions')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key returns the first result',
})
@Controller('propositions')
export class PropositionsController {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  @Post()
  @ApiBody({ schema: SCHEMAS.defineProposition })
  async define(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['propositionId', 'text', 'tags']);
    const propositionId = slug(body.propositionId, 'propositionId');
    const result = await this.runner.run({
      streamId: propositionStreamId(propositionId),
      decider: propositionDecider,
      command: { type: 'DefineProposition', propositionId, text: body.text, tags: body.tags },
      metadata: eventMetadata(req),
    });
    return created(res, `/propositions/${propositionId}`, result.version, view(result.state));
  }

  @Get(':propositionId')
  async get(
    @Param('propositionId') propositionId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { state, version } = await this.runner.load(
      propositionStreamId(slug(propositionId, 'propositionId')),
      propositionDecider,
    );
    requireFound(version, `proposition ${propositionId}`);
    return withVersion(res, version, view(state));
  }

  @Get(':propositionId/events')
  async events(@Param('propositionId') propositionId: string) {
    const { events, version } = await this.runner.load(
      propositionStreamId(slug(propositionId, 'propositionId')),
      propositionDecider,
    );
    requireFound(version, `proposition ${propositionId}`);
    return { propositionId, events: history(events) };
  }

  @Post(':propositionId/rewordings')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.rewordProposition })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  async reword(
    @Param('propositionId') propositionId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['text', 'reason']);
    const result = await this.runner.run({
      streamId: propositionStreamId(slug(propositionId, 'propositionId')),
      decider: propositionDecider,
      command: { type: 'RewordProposition', text: body.text, reason: body.reason },
      ifMatch: ifMatch(req),
      metadata: eventMetadata(req),
    });
    return withVersion(res, result.version, view(result.state));
  }
}
