import { Module } from '@nestjs/common';
import { STATEMENT_HANDLERS } from '@app/application';
import { StatementsController } from './statements.controller';

@Module({ controllers: [StatementsController], providers: [...STATEMENT_HANDLERS] })
export class StatementsModule {}
