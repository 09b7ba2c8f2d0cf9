import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiKeys } from '@app/access';
import { ACCESS_HANDLERS, AUDIT_HANDLERS } from '@app/application';
import { AccessBootstrapService } from './access-bootstrap.service';
import { AccessGuard } from './access.guard';
import { AuditController } from './audit.controller';
import { ForgetRevokedKey } from './forget-revoked-key';
import { KeyRevocations } from './key-revocations';
import { KeysController } from './keys.controller';
import { SealerService } from '../sealing/sealer.service';

/** API keys, roles and limits on every route; key management; the auditors' routes and sealer. */
@Module({
  controllers: [KeysController, AuditController],
  providers: [
    AccessBootstrapService,
    AccessGuard,
    KeyRevocations,
    SealerService,
    ForgetRevokedKey,
    ...ACCESS_HANDLERS,
    ...AUDIT_HANDLERS,
    {
      provide: ApiKeys,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new ApiKeys(dataSource),
    },
    { provide: APP_GUARD, useExisting: AccessGuard },
  ],
})
export class AccessModule {}
