import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AcceptCandidateCommand,
  GetCandidatesQuery,
  GetRecordHistoryQuery,
  GetSourceQuery,
  RegisterSourceCommand,
  RejectCandidateCommand,
} from '@app/application';
import { SCHEMAS } from '../http/schemas';
import { Idempotent } from '../http/openapi';
import { bodyOf, knownAtOf, noQuery, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

const SOURCE_FIELDS = ['url', 'publisher', 'title', 'publishedAt', 'text', 'extract'];

@ApiTags('sources')
@ApiBearerAuth()
@Controller('sources')
export class SourcesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  /**
   * Register a document; its text's SHA-256 is computed here. With text, the source's id is
   * named by that hash (the same text again creates nothing: 200 with the source on record)
   * and the statements the extractor finds in it are proposed for review (`extract: false`
   * skips that).
   */
  @Post()
  @Idempotent()
  @ApiBody({ schema: SCHEMAS.registerSource })
  async register(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, SOURCE_FIELDS);
    const result = await this.commands.execute(new RegisterSourceCommand(body, writeContext(req)));
    const location = `/sources/${result.sourceId}`;
    if (!result.existing) return created(res, location, result.version, result.view);
    res.status(200).setHeader('Location', location);
    return withVersion(res, result.version, { ...result.view, existing: true });
  }

  @Get(':sourceId')
  async get(
    @Param('sourceId') sourceId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetSourceQuery(sourceId, knownAtOf(req)));
    return withVersion(res, result.version, result.view);
  }

  @Get(':sourceId/events')
  async events(@Param('sourceId') sourceId: string, @Req() req: Request) {
    noQuery(req);
    const query = new GetRecordHistoryQuery('source', sourceId);
    const { id, events } = await this.queries.execute(query);
    return { sourceId: id, events };
  }

  /** The statements the extractor proposed in the source, with their review status. */
  @Get(':sourceId/candidates')
  async candidatesOf(
    @Param('sourceId') sourceId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetCandidatesQuery(sourceId, knownAtOf(req)));
    return withVersion(res, result.version, result.view);
  }

  /**
   * Accept a candidate: it is recorded as a statement (provenance: the extractor and its
   * version), or, when a statement on record has the same speaker or principal, the same or a
   * near-identical quote and a close date, as a new mention of that one. `changes` edits the
   * candidate first (speakerId, principalId, kind, targetIds, quote, summary, saidAt);
   * `newActors` registers actors it names that are not on record.
   */
  @Post(':sourceId/candidates/:candidateId/acceptance')
  @Idempotent()
  @ApiBody({ schema: SCHEMAS.acceptCandidate })
  async accept(
    @Param('sourceId') sourceId: string,
    @Param('candidateId') candidateId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['changes', 'newActors']);
    const command = new AcceptCandidateCommand(sourceId, candidateId, body, writeContext(req));
    const outcome = await this.commands.execute(command);
    res.status(outcome.as === 'recorded' ? 201 : 200);
    res.setHeader('Location', `/statements/${outcome.statementId}`);
    return outcome;
  }

  @Post(':sourceId/candidates/:candidateId/rejection')
  @HttpCode(200)
  @Idempotent()
  @ApiBody({ schema: SCHEMAS.rejectCandidate })
  async reject(
    @Param('sourceId') sourceId: string,
    @Param('candidateId') candidateId: string,
    @Req() req: Request,
  ) {
    const body = bodyOf(req, ['reason']);
    const command = new RejectCandidateCommand(sourceId, candidateId, body, writeContext(req));
    return this.commands.execute(command);
  }
}
