import { Module } from '@nestjs/common';
import { ACCUSATION_HANDLERS } from '@app/application';
import { AccusationsController } from './accusations.controller';

@Module({ controllers: [AccusationsController], providers: [...ACCUSATION_HANDLERS] })
export class AccusationsModule {}
