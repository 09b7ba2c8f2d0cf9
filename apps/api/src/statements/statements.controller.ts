import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AddStatementMentionCommand,
  CorrectStatementCommand,
  GetRecordHistoryQuery,
  GetStatementQuery,
  RecordStatementCommand,
  RetractStatementCommand,
  TakeStanceCommand,
  WithdrawStatementCommand,
} from '@app/application';
import { CORRECTABLE } from '@app/domain';
import { SCHEMAS } from '../http/schemas';
import { Idempotent, IfMatch } from '../http/openapi';
import { bodyOf, changeContext, knownAtOf, noQuery, writeContext } from '../http/request-context';
import { created, withVersion } from '../http/respond';

const RECORD_FIELDS = [...CORRECTABLE, 'source', 'provenance', 'newActors'] as const;

@ApiTags('statements')
@ApiBearerAuth()
@Controller('statements')
export class StatementsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  /** Record a statement; `newActors` registers actors it names that are not on record yet. */
  @Post()
  @Idempotent()
  @ApiBody({ schema: SCHEMAS.recordStatement })
  async record(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, RECORD_FIELDS);
    const result = await this.commands.execute(new RecordStatementCommand(body, writeContext(req)));
    return created(res, `/statements/${result.statementId}`, result.version, result.view);
  }

  @Get(':statementId')
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
  async events(@Param('statementId') statementId: string, @Req() req: Request) {
    noQuery(req);
    const query = new GetRecordHistoryQuery('statement', statementId);
    const { id, events } = await this.queries.execute(query);
    return { statementId: id, events };
  }

  /** Editorial correction: we recorded it wrong. */
  @Post(':statementId/corrections')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.correctStatement })
  async correct(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['changes', 'reason']);
    const command = new CorrectStatementCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  /** Retraction: the actor took it back. */
  @Post(':statementId/retractions')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.retractStatement })
  async retract(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['retractedOn', 'sourceId', 'note']);
    const command = new RetractStatementCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  /** Withdrawal from the record: duplicate or erroneous entry (kept, marked). */
  @Post(':statementId/withdrawals')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.withdrawStatement })
  async withdraw(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['reason', 'note', 'duplicateOf']);
    const command = new WithdrawStatementCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  /** Another source reporting the same statement. */
  @Post(':statementId/mentions')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.addMention })
  async mention(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['sourceId', 'span', 'reportedAt']);
    const command = new AddStatementMentionCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }

  @Post(':statementId/stances')
  @HttpCode(200)
  @Idempotent()
  @IfMatch()
  @ApiBody({ schema: SCHEMAS.takeStance })
  async stance(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['propositionId', 'stance']);
    const command = new TakeStanceCommand(statementId, body, changeContext(req));
    const result = await this.commands.execute(command);
    return withVersion(res, result.version, result.view);
  }
}
