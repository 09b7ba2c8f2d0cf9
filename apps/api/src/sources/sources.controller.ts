import { createHash, randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sourceDecider, sourceStreamId, uuid } from '@app/domain';
import { CommandRunner } from '@app/application';
import { SCHEMAS } from '../http/schemas';
import { bodyOf, eventMetadata } from '../http/request-context';
import { created, requireFound, withVersion } from '../http/respond';

@ApiTags('sources')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key returns the first result',
})
@Controller('sources')
export class SourcesController {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  /** Register a document; its text's SHA-256 is computed here. */
  @Post()
  @ApiBody({ schema: SCHEMAS.registerSource })
  async register(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['url', 'publisher', 'title', 'publishedAt', 'text']);
    const sourceId = randomUUID();
    const sha256 =
      typeof body.text === 'string'
        ? createHash('sha256').update(body.text.normalize('NFC').trim(), 'utf8').digest('hex')
        : undefined;
    const result = await this.runner.run({
      streamId: sourceStreamId(sourceId),
      decider: sourceDecider,
      command: { type: 'RegisterSource', ...body, sourceId, sha256 },
      metadata: eventMetadata(req),
    });
    return created(res, `/sources/${sourceId}`, result.version, result.state.source!);
  }

  @Get(':sourceId')
  async get(@Param('sourceId') sourceId: string, @Res({ passthrough: true }) res: Response) {
    const { state, version } = await this.runner.load(
      sourceStreamId(uuid(sourceId, 'sourceId')),
      sourceDecider,
    );
    requireFound(version, `source ${sourceId}`);
    return withVersion(res, version, state.source!);
  }
}
