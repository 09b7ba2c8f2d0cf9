import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { changeActor } from '../actor-view';
import { AddActorAliasCommand } from './add-actor-alias.command';

@CommandHandler(AddActorAliasCommand)
export class AddActorAliasHandler implements ICommandHandler<AddActorAliasCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ actorId, input, context }: AddActorAliasCommand) {
    return changeActor(
      this.runner,
      actorId,
      { type: 'AddActorAlias', alias: input.alias },
      context,
    );
  }
}
