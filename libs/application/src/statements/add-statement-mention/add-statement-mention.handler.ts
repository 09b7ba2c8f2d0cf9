import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '../../command-runner';
import { SourceTexts } from '../../ports/source-texts';
import { UnitOfWork } from '../../ports/unit-of-work';
import { changeStatement } from '../statement-view';
import { AddStatementMentionCommand } from './add-statement-mention.command';

@CommandHandler(AddStatementMentionCommand)
export class AddStatementMentionHandler implements ICommandHandler<AddStatementMentionCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(SourceTexts) private readonly sourceTexts: SourceTexts,
  ) {}

  execute({ statementId, input, context }: AddStatementMentionCommand) {
    return changeStatement(this.runner, this.unitOfWork, statementId, context, async (manager) => ({
      type: 'AddStatementMention',
      source: input,
      // The mention is the request body itself: errors name its members (span.end).
      at: '',
      sourceTextLength: await this.sourceTexts.lengthOf(input.sourceId, 'sourceId', manager),
    }));
  }
}
