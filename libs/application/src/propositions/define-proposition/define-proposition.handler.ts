import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { propositionDecider, propositionStreamId, slug } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { propositionView } from '../proposition-view';
import { DefinePropositionCommand } from './define-proposition.command';

@CommandHandler(DefinePropositionCommand)
export class DefinePropositionHandler implements ICommandHandler<DefinePropositionCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  async execute({ input, context }: DefinePropositionCommand) {
    const propositionId = slug(input.propositionId, 'propositionId');
    const result = await this.runner.run({
      streamId: propositionStreamId(propositionId),
      decider: propositionDecider,
      command: { type: 'DefineProposition', propositionId, text: input.text, tags: input.tags },
      metadata: context.metadata,
    });
    return { version: result.version, view: propositionView(result.state) };
  }
}
