import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { changeActor } from '../actor-view';
import { EndActorAffiliationCommand } from './end-actor-affiliation.command';

@CommandHandler(EndActorAffiliationCommand)
export class EndActorAffiliationHandler implements ICommandHandler<EndActorAffiliationCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ actorId, input, context }: EndActorAffiliationCommand) {
    return changeActor(
      this.runner,
      actorId,
      { type: 'EndActorAffiliation', affiliationId: input.affiliationId, to: input.to },
      context,
    );
  }
}
