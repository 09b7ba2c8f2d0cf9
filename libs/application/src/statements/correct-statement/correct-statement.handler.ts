import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { References } from '../../ports/references';
import { UnitOfWork } from '../../ports/unit-of-work';
import { actorRefs, changeStatement, propositionRefs } from '../statement-view';
import { CorrectStatementCommand } from './correct-statement.command';

@CommandHandler(CorrectStatementCommand)
export class CorrectStatementHandler implements ICommandHandler<CorrectStatementCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(References) private readonly references: References,
  ) {}

  execute({ statementId, input, context }: CorrectStatementCommand) {
    const changes = (
      typeof input.changes === 'object' && input.changes !== null ? input.changes : {}
    ) as Record<string, unknown>;
    return changeStatement(this.runner, this.unitOfWork, statementId, context, async (manager) => {
      await this.references.require('actor', actorRefs(changes, 'changes.'), manager);
      await this.references.require(
        'proposition',
        propositionRefs(changes.stances, 'changes.'),
        manager,
      );
      return {
        type: 'CorrectStatement',
        changes: input.changes,
        reason: input.reason,
        correctedBy: context.metadata.userId ?? 'anonymous',
      };
    });
  }
}
