import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { sourceDecider, sourceStreamId, uuid } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { RejectCandidateCommand } from './reject-candidate.command';

@CommandHandler(RejectCandidateCommand)
export class RejectCandidateHandler implements ICommandHandler<RejectCandidateCommand> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  async execute({ sourceId, candidateId, input, context }: RejectCandidateCommand) {
    const source = uuid(sourceId, 'sourceId');
    // Normalised (lower case) before use: the answer must find the candidate the event names.
    const id = uuid(candidateId, 'candidateId');
    const result = await this.runner.run({
      streamId: sourceStreamId(source),
      decider: sourceDecider,
      command: {
        type: 'RejectCandidate',
        candidateId: id,
        reason: input.reason,
        rejectedBy: context.metadata.userId ?? null,
      },
      metadata: context.metadata,
    });
    const candidate = result.state.candidates.find((c) => c.candidateId === id)!;
    return {
      candidateId: candidate.candidateId,
      status: candidate.status,
      reason: candidate.reason,
    };
  }
}
