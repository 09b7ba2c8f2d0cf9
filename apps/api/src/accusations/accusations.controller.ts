import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EntityManager } from 'typeorm';
import {
  accusationDecider,
  AccusationState,
  accusationStreamId,
  ruleBroken,
  StatementFacts,
  statementDecider,
  statementStreamId,
  statusOf,
  uuid,
} from '@app/domain';
import { CommandRunner } from '@app/application';
import { UnitOfWork } from '../commands/unit-of-work';
import { SCHEMAS } from '../http/schemas';
import { bodyOf, eventMetadata, ifMatch } from '../http/request-context';
import { created, history, requireFound, withVersion } from '../http/respond';

const view = (state: AccusationState) => ({
  accusationId: state.accusationId,
  statementId: state.statementId,
  accuserId: state.accuserId,
  accusedIds: state.accusedIds,
  allegation: state.allegation,
  status: statusOf(state),
  responses: state.responses,
});

@ApiTags('accusations')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key returns the first result',
})
@Controller('accusations')
export class AccusationsController {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  /** An accusation made by a recorded statement of kind accusation. */
  @Post()
  @ApiBody({ schema: SCHEMAS.makeAccusation })
  async make(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['statementId', 'accusedIds', 'allegation']);
    const accusationId = randomUUID();
    const metadata = eventMetadata(req);
    const result = await this.unitOfWork.transaction(async (manager) =>
      this.runner.run({
        streamId: accusationStreamId(accusationId),
        decider: accusationDecider,
        command: {
          type: 'MakeAccusation',
          accusationId,
          statement: await this.facts(body.statementId, manager),
          accusedIds: body.accusedIds,
          allegation: body.allegation,
        },
        metadata,
        manager,
      }),
    );
    return created(res, `/accusations/${accusationId}`, result.version, view(result.state));
  }

  @Get(':accusationId')
  async get(
    @Param('accusationId') accusationId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { state, version } = await this.runner.load(
      accusationStreamId(uuid(accusationId, 'accusationId')),
      accusationDecider,
    );
    requireFound(version, `accusation ${accusationId}`);
    return withVersion(res, version, view(state));
  }

  @Get(':accusationId/events')
  async events(@Param('accusationId') accusationId: string) {
    const { events, version } = await this.runner.load(
      accusationStreamId(uuid(accusationId, 'accusationId')),
      accusationDecider,
    );
    requireFound(version, `accusation ${accusationId}`);
    return { accusationId, events: history(events) };
  }

  /** Link a statement as a denial or acknowledgement (by an accused) or a withdrawal (by the accuser). */
  @Post(':accusationId/responses')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.respondToAccusation })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  async respond(
    @Param('accusationId') accusationId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const id = uuid(accusationId, 'accusationId');
    const body = bodyOf(req, ['statementId', 'response']);
    const metadata = eventMetadata(req);
    const expected = ifMatch(req);
    const result = await this.unitOfWork.transaction(async (manager) =>
      this.runner.run({
        streamId: accusationStreamId(id),
        decider: accusationDecider,
        command: {
          type: 'RespondToAccusation',
          response: body.response,
          statement: await this.facts(body.statementId, manager),
        },
        ifMatch: expected,
        metadata,
        manager,
      }),
    );
    return withVersion(res, result.version, view(result.state));
  }

  /** What the accusation rules need to know about a statement (422 when it is not on record). */
  private async facts(statementId: unknown, manager: EntityManager): Promise<StatementFacts> {
    const id = uuid(statementId, 'statementId');
    const { state, version } = await this.runner.load(
      statementStreamId(id),
      statementDecider,
      manager,
    );
    if (version === 0 || !state.content)
      throw ruleBroken(
        'unknown-statement',
        `statementId refers to statement "${id}", which is not on record`,
        'statementId',
      );
    const { kind, speakerId, principalId, targetIds } = state.content;
    return {
      statementId: id,
      kind,
      speakerId,
      principalId,
      targetIds,
      withdrawn: state.withdrawal !== null,
    };
  }
}
