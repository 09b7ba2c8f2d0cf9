import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AddMentionBody,
  AddStatementMentionCommand,
  CorrectStatementBody,
  CorrectStatementCommand,
  GetRecordHistoryQuery,
  GetStatementQuery,
  KnownAtQueryString,
  ListStatementsQuery,
  RecordStatementBody,
  RecordStatementCommand,
  RetractStatementBody,
  RetractStatementCommand,
  STATEMENT_STATUSES,
  StatementHistorySchema,
  StatementListQueryString,
  StatementListSchema,
  StatementViewSchema,
  Static,
  TakeStanceBody,
  TakeStanceCommand,
  WithdrawStatementBody,
  WithdrawStatementCommand,
} from '@app/application';
import { conditional, paramsOf } from '../http/query-params';
import { STATEMENT_KINDS } from '@app/domain';
import { Idempotent, IfMatch, Reads, Responds, Takes } from '../http/openapi';
import { changeContext, knownAtOf, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

@ApiTags('statements')
@Controller('statements')
export class StatementsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post()
  @Responds(
    'Record a statement; newActors registers actors it names that are not on record yet',
    201,
    StatementViewSchema,
    { errors: [422] },
  )
  @Takes(RecordStatementBody)
  @Idempotent()
  async record(
    @Body() body: Static<typeof RecordStatementBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new RecordStatementCommand(body, writeContext(req)));
    return created(res, `/statements/${result.statementId}`, result.version, result.view);
  }

  @Get()
  @Responds(
    'Every statement on record matching the filters, newest first (dated by said date, else reported)',
    200,
    StatementListSchema,
    { errors: [404], conditional: true },
  )
  @Reads(StatementListQueryString)
  async list(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const query = paramsOf(req, StatementListQueryString);
    const list = new ListStatementsQuery({
      ...query.time(),
      from: query.date('from'),
      to: query.date('to'),
      kind: query.oneOf('kind', STATEMENT_KINDS),
      speakerId: query.text('speakerId', 200),
      principalId: query.text('principalId', 200),
      targetId: query.text('targetId', 200),
      propositionId: query.slug('propositionId'),
      sourceId: query.text('sourceId', 36)?.toLowerCase(),
      status: query.someOf('status', STATEMENT_STATUSES),
      q: query.text('q', 200),
      limit: query.limit(50, 500),
      cursor: query.text('cursor', 500),
    });
    return conditional(req, res, await this.queries.execute(list));
  }

  @Get(':statementId')
  @Responds('A statement, now or as it stood at knownAt', 200, StatementViewSchema, {
    errors: [404],
  })
  @Reads(KnownAtQueryString)
  async get(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const query = new GetStatementQuery(statementId, knownAtOf(req));
    const result = await this.queries.execute(query);
    return withVersion(res, result.version, result.view);
  }

  @Get(':statementId/events')
  @Responds('Every event of a statement, oldest first', 200, StatementHistorySchema, {
    errors: [404],
  })
  async events(@Param('statementId') statementId: string) {
    const query = new GetRecordHistoryQuery('statement', statementId);
    const { id, events } = await this.queries.execute(query);
    return { statementId: id, events };
  }

  @Post(':statementId/corrections')
  @HttpCode(200)
  @Responds('Editorial correction: we recorded it wrong', 200, StatementViewSchema, {
    errors: [404, 409, 422],
  })
  @Takes(CorrectStatementBody)
  @Idempotent()
  @IfMatch()
  async correct(
    @Param('statementId') statementId: string,
    @Body() body: Static<typeof CorrectStatementBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new CorrectStatementCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':statementId/retractions')
  @HttpCode(200)
  @Responds('Retraction: the actor took it back', 200, StatementViewSchema, {
    errors: [404, 409, 422],
  })
  @Takes(RetractStatementBody)
  @Idempotent()
  @IfMatch()
  async retract(
    @Param('statementId') statementId: string,
    @Body() body: Static<typeof RetractStatementBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new RetractStatementCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':statementId/withdrawals')
  @HttpCode(200)
  @Responds(
    'Withdrawal from the record: a duplicate or erroneous entry (kept, marked)',
    200,
    StatementViewSchema,
    { errors: [404, 409, 422] },
  )
  @Takes(WithdrawStatementBody)
  @Idempotent()
  @IfMatch()
  async withdraw(
    @Param('statementId') statementId: string,
    @Body() body: Static<typeof WithdrawStatementBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new WithdrawStatementCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':statementId/mentions')
  @HttpCode(200)
  @Responds('Another source reporting the same statement', 200, StatementViewSchema, {
    errors: [404, 409, 422],
  })
  @Takes(AddMentionBody)
  @Idempotent()
  @IfMatch()
  async mention(
    @Param('statementId') statementId: string,
    @Body() body: Static<typeof AddMentionBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new AddStatementMentionCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':statementId/stances')
  @HttpCode(200)
  @Responds('The statement takes a stance on a proposition', 200, StatementViewSchema, {
    errors: [404, 409, 422],
  })
  @Takes(TakeStanceBody)
  @Idempotent()
  @IfMatch()
  async stance(
    @Param('statementId') statementId: string,
    @Body() body: Static<typeof TakeStanceBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const command = new TakeStanceCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }
}
