import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { accusationDecider, accusationStreamId } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { UnitOfWork } from '../../ports/unit-of-work';
import { accusationView, statementFacts } from '../accusation-view';
import { MakeAccusationCommand } from './make-accusation.command';

@CommandHandler(MakeAccusationCommand)
export class MakeAccusationHandler implements ICommandHandler<MakeAccusationCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ input, context }: MakeAccusationCommand) {
    const accusationId = randomUUID();
    const result = await this.unitOfWork.transaction(async (manager) =>
      this.runner.run({
        streamId: accusationStreamId(accusationId),
        decider: accusationDecider,
        command: {
          type: 'MakeAccusation',
          accusationId,
          statement: await statementFacts(this.runner, input.statementId, manager),
          accusedIds: input.accusedIds,
          allegation: input.allegation,
        },
        metadata: context.metadata,
        manager,
      }),
    );
    return { accusationId, version: result.version, view: accusationView(result.state) };
  }
}
