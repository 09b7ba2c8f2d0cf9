import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AcceptCandidateBody,
  AcceptCandidateCommand,
  AcceptanceSchema,
  CandidatesViewSchema,
  GetCandidatesQuery,
  GetRecordHistoryQuery,
  GetSourceQuery,
  KnownAtQueryString,
  ListSourcesQuery,
  RegisterSourceBody,
  RegisterSourceCommand,
  RejectCandidateBody,
  RejectCandidateCommand,
  RejectionSchema,
  SourceHistorySchema,
  SourceListQueryString,
  SourceListSchema,
  SourceViewSchema,
  Static,
} from '@app/application';
import { conditional, paramsOf } from '../http/query-params';
import { Idempotent, Reads, Responds, Takes } from '../http/openapi';
import { knownAtOf, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('sources')
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
  @Responds(
    'Register a document (201), or find the one with the same text on record (200)',
    201,
    SourceViewSchema,
    { also: [200] },
  )
  @Takes(RegisterSourceBody)
  @Idempotent()
  async register(
    @Body() body: Static<typeof RegisterSourceBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new RegisterSourceCommand(body, writeContext(req)));
    const location = `/sources/${result.sourceId}`;
    if (!result.existing) return created(res, location, result.version, result.view);
    res.status(200).setHeader('Location', location);
    return withVersion(res, result.version, { ...result.view, existing: true });
  }

  @Get()
  @Responds(
    'Find sources by words, publisher and publication dates, newest published first',
    200,
    SourceListSchema,
    { conditional: true },
  )
  @Reads(SourceListQueryString)
  async list(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = paramsOf(req, SourceListQueryString);
    const list = new ListSourcesQuery({
      q: query.text('q', 200),
      publisher: query.text('publisher', 200),
      from: query.date('from'),
      to: query.date('to'),
      limit: query.limit(50, 200),
      cursor: query.text('cursor', 500),
    });
    return conditional(req, res, await this.queries.execute(list));
  }

  @Get(':sourceId')
  @Responds('A source, now or as it stood at knownAt', 200, SourceViewSchema, { errors: [404] })
  @Reads(KnownAtQueryString)
  async get(
    @Param('sourceId') sourceId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.queries.execute(new GetSourceQuery(sourceId, knownAtOf(req)));
    return withVersion(res, result.version, result.view);
  }

  @Get(':sourceId/events')
  @Responds('Every event of a source, oldest first', 200, SourceHistorySchema, { errors: [404] })
  async events(@Param('sourceId') sourceId: string) {
    const query = new GetRecordHistoryQuery('source', sourceId);
    const { id, events } = await this.queries.execute(query);
    return { sourceId: id, events };
  }

  @Get(':sourceId/candidates')
  @Responds(
    'The statements the extractor proposed in the source, with their review status',
    200,
    CandidatesViewSchema,
    { errors: [404] },
  )
  @Reads(KnownAtQueryString)
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
  @Responds(
    'Accept a candidate as a statement (201) or a mention of one (200)',
    201,
    AcceptanceSchema,
    { errors: [404, 409, 422], also: [200] },
  )
  @Takes(AcceptCandidateBody)
  @Idempotent()
  async accept(
    @Param('sourceId') sourceId: string,
    @Param('candidateId') candidateId: string,
    @Body() body: Static<typeof AcceptCandidateBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new AcceptCandidateCommand(sourceId, candidateId, body, writeContext(req));
    const outcome = await this.commands.execute(command);
    res.status(outcome.as === 'recorded' ? 201 : 200);
    res.setHeader('Location', `/statements/${outcome.statementId}`);
    return outcome;
  }

  @Post(':sourceId/candidates/:candidateId/rejection')
  @HttpCode(200)
  @Responds('Reject a candidate: not a statement', 200, RejectionSchema, { errors: [404, 409] })
  @Takes(RejectCandidateBody)
  @Idempotent()
  async reject(
    @Param('sourceId') sourceId: string,
    @Param('candidateId') candidateId: string,
    @Body() body: Static<typeof RejectCandidateBody>,
    @Req() req: Request,
  ) {
    const command = new RejectCandidateCommand(sourceId, candidateId, body, writeContext(req));
    return this.commands.execute(command);
  }
}
