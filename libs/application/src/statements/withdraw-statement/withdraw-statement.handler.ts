import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { References } from '../../ports/references';
import { UnitOfWork } from '../../ports/unit-of-work';
import { changeStatement, refs } from '../statement-view';
import { WithdrawStatementCommand } from './withdraw-statement.command';

@CommandHandler(WithdrawStatementCommand)
export class WithdrawStatementHandler implements ICommandHandler<WithdrawStatementCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(References) private readonly references: References,
  ) {}

  execute({ statementId, input, context }: WithdrawStatementCommand) {
    return changeStatement(this.runner, this.unitOfWork, statementId, context, async (manager) => {
      const duplicateOf = refs([['duplicateOf', input.duplicateOf]]);
      await this.references.require('statement', duplicateOf, manager);
      return {
        type: 'WithdrawStatement',
        reason: input.reason,
        note: input.note,
        duplicateOf: input.duplicateOf,
      };
    });
  }
}
