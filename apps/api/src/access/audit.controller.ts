import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { EventStoreIntegrity } from '@app/event-store';
import { Access } from './access.decorator';

/** Auditors: recompute the hash chains and seals, or seal what is new. */
@Controller('audit')
@Access('audit')
export class AuditController {
  constructor(@Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity) {}

  @Get('verify')
  verify() {
    return this.integrity.verify();
  }

  @Post('seal')
  @HttpCode(200)
  async seal() {
    return { seals: await this.integrity.seal() };
  }
}
