import { Module } from '@nestjs/common';
import { PROPOSITION_HANDLERS } from '@app/application';
import { PropositionsController } from './propositions.controller';

@Module({ controllers: [PropositionsController], providers: [...PROPOSITION_HANDLERS] })
export class PropositionsModule {}
