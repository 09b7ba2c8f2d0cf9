import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { SealEventsCommand, VerifyIntegrityQuery } from '@app/application';
import { Idempotent } from '../http/openapi';
import { noQuery } from '../http/request-context';
import { Access } from './access.decorator';

/** Auditors: recompute the hash chains and seals, or seal what is new. */
@Controller('audit')
@Access('audit')
export class AuditController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Get('verify')
  verify(@Req() req: Request) {
    noQuery(req);
    return this.queries.execute(new VerifyIntegrityQuery());
  }

  @Post('seal')
  @HttpCode(200)
  @Idempotent()
  seal(@Req() req: Request) {
    noQuery(req);
    return this.commands.execute(new SealEventsCommand());
  }
}
