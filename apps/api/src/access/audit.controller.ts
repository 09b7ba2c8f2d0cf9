import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  SealEventsCommand,
  SealsSchema,
  VerifyIntegrityQuery,
  VerifyReportSchema,
} from '@app/application';
import { Idempotent, Responds } from '../http/openapi';
import { Access } from './access.decorator';

/** Auditors: recompute the hash chains and seals, or seal what is new. */
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
