import { Module } from '@nestjs/common';
import { READ_MODEL_HANDLERS } from '@app/application';
import { ProjectionsService } from './projections.service';
import { ReadModelsController } from './read-models.controller';
import { StreamController } from './stream.controller';

/** The read models: built in-process (PROJECTIONS=feed) or by apps/projector, and queried. */
@Module({
  controllers: [ReadModelsController, StreamController],
  providers: [ProjectionsService, ...READ_MODEL_HANDLERS],
})
export class ReadModelsModule {}
