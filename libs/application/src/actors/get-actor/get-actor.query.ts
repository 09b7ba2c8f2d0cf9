import { Query } from '@nestjs/cqrs';
import type { Versioned } from '../../shared/write-context';
import type { ActorView } from '../actor-view';

/** An actor as it stands now, or as it stood at `knownAt`. */
export class GetActorQuery extends Query<Versioned<ActorView>> {
  constructor(
    readonly actorId: string,
    readonly knownAt?: Date,
  ) {
    super();
  }
}
