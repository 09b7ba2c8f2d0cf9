import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId, slug } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { References } from '../../ports/references';
import { UnitOfWork } from '../../ports/unit-of-work';
import { actorView } from '../actor-view';
import { MergeActorsCommand } from './merge-actors.command';

@CommandHandler(MergeActorsCommand)
export class MergeActorsHandler implements ICommandHandler<MergeActorsCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(References) private readonly references: References,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ actorId, input, context }: MergeActorsCommand) {
    const id = slug(actorId, 'actorId');
    const merged = await this.unitOfWork.transaction(async (manager) => {
      const into = slug(input.into, 'into');
      await this.references.require('actor', [{ field: 'into', id: into }], manager);
      const closed = await this.runner.run({
        streamId: actorStreamId(id),
        decider: actorDecider,
        command: { type: 'MergeActor', into, reason: input.reason },
        ifMatch: context.ifMatch,
        metadata: context.metadata,
        manager,
      });
      await this.runner.run({
        streamId: actorStreamId(into),
        decider: actorDecider,
        command: {
          type: 'AbsorbActor',
          from: id,
          name: closed.state.name!,
          aliases: closed.state.aliases,
        },
        metadata: context.metadata,
        manager,
      });
      return closed;
    });
    return { version: merged.version, view: actorView(merged.state) };
  }
}
