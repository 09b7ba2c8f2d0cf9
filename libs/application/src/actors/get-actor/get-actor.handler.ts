import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { ActorLookup } from '../actor-lookup';
import { readView } from '../../shared/records';
import { actorView } from '../actor-view';
import { GetActorQuery } from './get-actor.query';

@QueryHandler(GetActorQuery)
export class GetActorHandler implements IQueryHandler<GetActorQuery> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(ActorLookup) private readonly actors: ActorLookup,
  ) {}

  /** By id, a merged duplicate's id (its survivor) or a name or alias. */
  async execute({ actorId, knownAt }: GetActorQuery) {
    const { actorId: id } = await this.actors.resolve(actorId);
    return readView(
      this.runner,
      `actor ${id}`,
      actorStreamId(id),
      actorDecider,
      actorView,
      knownAt,
    );
  }
}
