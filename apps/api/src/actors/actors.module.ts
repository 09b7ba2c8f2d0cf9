import { Module } from '@nestjs/common';
import { ACTOR_HANDLERS } from '@app/application';
import { ActorsController } from './actors.controller';

@Module({ controllers: [ActorsController], providers: [...ACTOR_HANDLERS] })
export class ActorsModule {}
