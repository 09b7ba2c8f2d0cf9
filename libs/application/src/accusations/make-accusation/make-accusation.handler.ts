import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { accusationDecider, accusationStreamId, conflict } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { References } from '../../ports/references';
import { UnitOfWork } from '../../ports/unit-of-work';
import { accusationView, statementFacts } from '../accusation-view';
import { MakeAccusationCommand } from './make-accusation.command';

@CommandHandler(MakeAccusationCommand)
export class MakeAccusationHandler implements ICommandHandler<MakeAccusationCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(References) private readonly references: References,
  ) {}

  async execute({ input, context }: MakeAccusationCommand) {
    const accusationId = randomUUID();
    const result = await this.unitOfWork.transaction(async (manager) => {
      const statement = await statementFacts(this.runner, input.statementId, manager);
      // An accusation-kind statement opens its own accusation as it is recorded: one is enough.
      const own = await this.runner.load(
        accusationStreamId(statement.statementId),
        accusationDecider,
        manager,
      );
      if (own.version > 0)
        throw conflict(
          'accusation-exists',
          `statement ${statement.statementId} already opened accusation ${statement.statementId}: respond to that one`,
          'statementId',
        );
      // Whom it names must be on record (the statement's own targets already are).
      const accused = Array.isArray(input.accusedIds) ? input.accusedIds : [];
      await this.references.require(
        'actor',
        accused
          .map((id, i) => ({ field: `accusedIds[${i}]`, id }))
          .filter((ref): ref is { field: string; id: string } => typeof ref.id === 'string'),
        manager,
      );
      return this.runner.run({
        streamId: accusationStreamId(accusationId),
        decider: accusationDecider,
        command: {
          type: 'MakeAccusation',
          accusationId,
          statement,
          accusedIds: input.accusedIds,
          allegation: input.allegation,
        },
        metadata: context.metadata,
        manager,
      });
    });
    return { accusationId, version: result.version, view: accusationView(result.state) };
  }
}
