import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId, slug } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { References } from '../../ports/references';
import { UnitOfWork } from '../../ports/unit-of-work';
import { actorView } from '../actor-view';
import { AddActorAffiliationCommand } from './add-actor-affiliation.command';

@CommandHandler(AddActorAffiliationCommand)
export class AddActorAffiliationHandler implements ICommandHandler<AddActorAffiliationCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(References) private readonly references: References,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ actorId, input, context }: AddActorAffiliationCommand) {
    const id = slug(actorId, 'actorId');
    const result = await this.unitOfWork.transaction(async (manager) => {
      // The organisation must be on record: a principal nobody can look up misattributes.
      if (typeof input.organisationId === 'string' && input.organisationId !== id)
        await this.references.require(
          'actor',
          [{ field: 'organisationId', id: input.organisationId }],
          manager,
        );
      return this.runner.run({
        streamId: actorStreamId(id),
        decider: actorDecider,
        // Named members only: nothing of the input can change which command this is.
        command: {
          type: 'AddActorAffiliation',
          affiliationId: input.affiliationId,
          organisationId: input.organisationId,
          role: input.role,
          from: input.from,
          to: input.to,
        },
        ifMatch: context.ifMatch,
        metadata: context.metadata,
        manager,
      });
    });
    return { version: result.version, view: actorView(result.state) };
  }
}
