import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { References } from '../../ports/references';
import { UnitOfWork } from '../../ports/unit-of-work';
import { changeStatement, refs } from '../statement-view';
import { TakeStanceCommand } from './take-stance.command';

@CommandHandler(TakeStanceCommand)
export class TakeStanceHandler implements ICommandHandler<TakeStanceCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(References) private readonly references: References,
  ) {}

  execute({ statementId, input, context }: TakeStanceCommand) {
    return changeStatement(this.runner, this.unitOfWork, statementId, context, async (manager) => {
      const proposition = refs([['propositionId', input.propositionId]]);
      await this.references.require('proposition', proposition, manager);
      return { type: 'TakeStance', propositionId: input.propositionId, stance: input.stance };
    });
  }
}
