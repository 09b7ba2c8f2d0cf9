import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { accusationDecider, accusationStreamId, uuid } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { UnitOfWork } from '../../ports/unit-of-work';
import { accusationView, statementFacts } from '../accusation-view';
import { RespondToAccusationCommand } from './respond-to-accusation.command';

@CommandHandler(RespondToAccusationCommand)
export class RespondToAccusationHandler implements ICommandHandler<RespondToAccusationCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ accusationId, input, context }: RespondToAccusationCommand) {
    const id = uuid(accusationId, 'accusationId');
    const result = await this.unitOfWork.transaction(async (manager) =>
      this.runner.run({
        streamId: accusationStreamId(id),
        decider: accusationDecider,
        command: {
          type: 'RespondToAccusation',
          response: input.response,
          statement: await statementFacts(this.runner, input.statementId, manager),
        },
        ifMatch: context.ifMatch,
        metadata: context.metadata,
        manager,
      }),
    );
    return { version: result.version, view: accusationView(result.state) };
  }
}
