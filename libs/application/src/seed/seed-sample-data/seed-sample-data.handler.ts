import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { UnitOfWork } from '../../ports/unit-of-work';
import { seedSampleData } from '../seed';
import { SeedSampleDataCommand } from './seed-sample-data.command';

@CommandHandler(SeedSampleDataCommand)
export class SeedSampleDataHandler implements ICommandHandler<SeedSampleDataCommand> {
  constructor(
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  execute({ userId }: SeedSampleDataCommand) {
    return seedSampleData(this.store, (work) => this.unitOfWork.transaction(work), {
      userId,
      correlationId: 'seed',
    });
  }
}
