import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { actorDecider, actorStreamId, slug } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { readView } from '../../shared/records';
import { actorView } from '../actor-view';
import { GetActorQuery } from './get-actor.query';

@QueryHandler(GetActorQuery)
export class GetActorHandler implements IQueryHandler<GetActorQuery> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ actorId, knownAt }: GetActorQuery) {
    const id = slug(actorId, 'actorId');
    return readView(
      this.runner,
      `actor ${actorId}`,
      actorStreamId(id),
      actorDecider,
      actorView,
      knownAt,
    );
  }
}
