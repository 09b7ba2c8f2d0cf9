import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { changeActor } from '../actor-view';
import { AddActorAffiliationCommand } from './add-actor-affiliation.command';

@CommandHandler(AddActorAffiliationCommand)
export class AddActorAffiliationHandler implements ICommandHandler<AddActorAffiliationCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ actorId, input, context }: AddActorAffiliationCommand) {
    const command = {
      type: 'AddActorAffiliation' as const,
      ...input,
      affiliationId: input.affiliationId,
      organisationId: input.organisationId,
      role: input.role,
    };
    return changeActor(this.runner, actorId, command, context);
  }
}
