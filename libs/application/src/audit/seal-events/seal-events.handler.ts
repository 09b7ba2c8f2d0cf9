import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStoreIntegrity } from '@app/event-store';
import { SealEventsCommand } from './seal-events.command';

@CommandHandler(SealEventsCommand)
export class SealEventsHandler implements ICommandHandler<SealEventsCommand> {
  constructor(@Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity) {}

  async execute() {
    return { seals: await this.integrity.seal() };
  }
}
