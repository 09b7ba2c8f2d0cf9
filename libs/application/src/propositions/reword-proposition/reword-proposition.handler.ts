import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { propositionDecider, propositionStreamId, slug } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { propositionView } from '../proposition-view';
import { RewordPropositionCommand } from './reword-proposition.command';

@CommandHandler(RewordPropositionCommand)
export class RewordPropositionHandler implements ICommandHandler<RewordPropositionCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  async execute({ propositionId, input, context }: RewordPropositionCommand) {
    const result = await this.runner.run({
      streamId: propositionStreamId(slug(propositionId, 'propositionId')),
      decider: propositionDecider,
      command: { type: 'RewordProposition', text: input.text, reason: input.reason },
      ifMatch: context.ifMatch,
      metadata: context.metadata,
    });
    return { version: result.version, view: propositionView(result.state) };
  }
}
