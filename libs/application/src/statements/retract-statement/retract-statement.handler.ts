import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { References } from '../../ports/references';
import { UnitOfWork } from '../../ports/unit-of-work';
import { changeStatement, refs } from '../statement-view';
import { RetractStatementCommand } from './retract-statement.command';

@CommandHandler(RetractStatementCommand)
export class RetractStatementHandler implements ICommandHandler<RetractStatementCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(References) private readonly references: References,
  ) {}

  execute({ statementId, input, context }: RetractStatementCommand) {
    return changeStatement(this.runner, this.unitOfWork, statementId, context, async (manager) => {
      await this.references.require('source', refs([['sourceId', input.sourceId]]), manager);
      return {
        type: 'RetractStatement',
        retractedOn: input.retractedOn,
        sourceId: input.sourceId,
        note: input.note,
      };
    });
  }
}
