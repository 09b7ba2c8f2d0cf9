import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { accusationDecider, accusationStreamId, openedAccusation, uuid } from '@app/domain';
import { ConcurrencyError, EventMetadata } from '@app/event-store';
import { AccusationQueries } from '@app/projections';
import { CommandRunner } from '../../command-runner';
import { UnitOfWork } from '../../ports/unit-of-work';
import { accusationView, statementFacts } from '../accusation-view';
import { RespondToAccusationCommand } from './respond-to-accusation.command';

@CommandHandler(RespondToAccusationCommand)
export class RespondToAccusationHandler implements ICommandHandler<RespondToAccusationCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(AccusationQueries) private readonly queries: AccusationQueries,
  ) {}

  async execute({ accusationId, input, context }: RespondToAccusationCommand) {
    const id = uuid(accusationId, 'accusationId');
    const result = await this.unitOfWork.transaction(async (manager) => {
      const opened = await this.recordDerived(id, context.ifMatch, context.metadata, manager);
      return this.runner.run({
        streamId: accusationStreamId(id),
        decider: accusationDecider,
        command: {
          type: 'RespondToAccusation',
          response: input.response,
          statement: await statementFacts(this.runner, input.statementId, manager),
        },
        ifMatch: opened ? undefined : context.ifMatch,
        metadata: context.metadata,
        manager,
      });
    });
    return { version: result.version, view: accusationView(result.state) };
  }

  /**
   * A derived accusation (its statement predates statements opening their own) goes on record
   * the first time someone responds to it: its AccusationMade, then the response. True if so.
   */
  private async recordDerived(
    id: string,
    ifMatch: number | undefined,
    metadata: EventMetadata,
    manager: EntityManager,
  ): Promise<boolean> {
    const streamId = accusationStreamId(id);
    const { version } = await this.runner.load(streamId, accusationDecider, manager);
    if (version > 0) return false;
    const derived = await this.queries.derived(id);
    if (!derived) return false;
    if (ifMatch !== undefined && ifMatch !== 0) throw new ConcurrencyError(streamId, ifMatch, 0);
    const statement = await statementFacts(this.runner, derived.statementId, manager);
    // The allegation it was shown with (its statement's summary, else quote, when derived).
    const command = openedAccusation({ ...statement, quote: derived.allegation, summary: null });
    if (!command) return false;
    await this.runner.run({
      streamId,
      decider: accusationDecider,
      command,
      metadata,
      newStream: true,
      manager,
    });
    return true;
  }
}
