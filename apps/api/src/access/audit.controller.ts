import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  AuditChangesQuery,
  AuditChangesQueryString,
  AuditChangesSchema,
  SealEventsCommand,
  SealsSchema,
  VerifyIntegrityQuery,
  VerifyReportSchema,
} from '@app/application';
import { Idempotent, Reads, Responds } from '../http/openapi';
import { paramsOf } from '../http/query-params';
import { Access } from './access.decorator';

/** Auditors: what changed between two times; recompute the hash chains and seals, or seal. */
@ApiTags('audit')
@Controller('audit')
@Access('audit')
export class AuditController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get('verify')
  @Responds(
    'Recompute every hash chain and seal; name the first event, head or seal that does not match',
    200,
    VerifyReportSchema,
  )
  verify() {
    return this.queries.execute(new VerifyIntegrityQuery());
  }

  @Get('changes')
  @Responds(
    'Every change to the record recorded in [from, to): statements recorded, corrected (before and ' +
      'after), retracted, withdrawn; accusations opened and answered; alerts raised, cleared, ' +
      'dismissed, reopened; every other record event — each with who, when and why, oldest first',
    200,
    AuditChangesSchema,
  )
  @Reads(AuditChangesQueryString)
  changes(@Req() req: Request) {
    const query = paramsOf(req, AuditChangesQueryString);
    return this.queries.execute(
      new AuditChangesQuery(
        query.text('from', 100),
        query.text('to', 100),
        query.limit(100, 1000),
        query.text('cursor', 500),
      ),
    );
  }

  @Post('seal')
  @HttpCode(200)
  @Responds(
    'Seal the feed up to the last committed event (none if nothing is new)',
    200,
    SealsSchema,
  )
  @Idempotent()
  seal() {
    return this.commands.execute(new SealEventsCommand());
  }
}
