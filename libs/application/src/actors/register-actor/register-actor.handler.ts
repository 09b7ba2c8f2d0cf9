import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId, slug } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { actorView } from '../actor-view';
import { RegisterActorCommand } from './register-actor.command';

@CommandHandler(RegisterActorCommand)
export class RegisterActorHandler implements ICommandHandler<RegisterActorCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  async execute({ input, context }: RegisterActorCommand) {
    const actorId = slug(input.actorId, 'actorId');
    const result = await this.runner.run({
      streamId: actorStreamId(actorId),
      decider: actorDecider,
      command: { type: 'RegisterActor', ...input, actorId, name: input.name, kind: input.kind },
      metadata: context.metadata,
    });
    return { version: result.version, view: actorView(result.state) };
  }
}
