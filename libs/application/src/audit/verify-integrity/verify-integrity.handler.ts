import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventStoreIntegrity } from '@app/event-store';
import { VerifyIntegrityQuery } from './verify-integrity.query';

@QueryHandler(VerifyIntegrityQuery)
export class VerifyIntegrityHandler implements IQueryHandler<VerifyIntegrityQuery> {
  constructor(
    @Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute() {
    return this.integrity.verify({ sealIntervalMs: this.config.sealIntervalMs });
  }
}
