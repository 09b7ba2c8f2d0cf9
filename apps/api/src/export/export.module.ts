import { Module } from '@nestjs/common';
import { ExportController } from './export.controller';

/** GET /export (the use case is registered with the auditors' handlers, in AccessModule). */
@Module({ controllers: [ExportController] })
export class ExportModule {}
