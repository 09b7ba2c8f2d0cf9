import { Module } from '@nestjs/common';
import { SOURCE_HANDLERS } from '@app/application';
import { SourcesController } from './sources.controller';

@Module({ controllers: [SourcesController], providers: [...SOURCE_HANDLERS] })
export class SourcesModule {}
