import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { uuid } from '@app/domain';
import { UnitOfWork } from '../../ports/unit-of-work';
import { AcceptCandidateCommand } from './accept-candidate.command';
import { CandidateAcceptance } from './candidate-acceptance';

@CommandHandler(AcceptCandidateCommand)
export class AcceptCandidateHandler implements ICommandHandler<AcceptCandidateCommand> {
  constructor(
    @Inject(CandidateAcceptance) private readonly acceptance: CandidateAcceptance,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  execute({ sourceId, candidateId, input, context }: AcceptCandidateCommand) {
    const source = uuid(sourceId, 'sourceId');
    const candidate = uuid(candidateId, 'candidateId');
    return this.unitOfWork.transaction((manager) =>
      this.acceptance.acceptIn(manager, source, candidate, input, context.metadata),
    );
  }
}
