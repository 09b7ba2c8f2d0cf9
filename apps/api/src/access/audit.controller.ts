import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventStoreIntegrity } from '@app/event-store';
import { Access } from './access.decorator';

/** Auditors: recompute the hash chains and seals, or seal what is new. */
@Controller('audit')
@Access('audit')
export class AuditController {
  constructor(
    @Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('verify')
  verify() {
    return this.integrity.verify({ sealIntervalMs: this.config.sealIntervalMs });
  }

  @Post('seal')
  @HttpCode(200)
  async seal() {
    return { seals: await this.integrity.seal() };
  }
}
