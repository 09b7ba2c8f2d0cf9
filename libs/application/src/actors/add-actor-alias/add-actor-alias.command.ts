import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { ActorView } from '../actor-view';

/** Add a name the actor goes by in copy. */
export class AddActorAliasCommand extends Command<Versioned<ActorView>> {
  constructor(
    readonly actorId: string,
    readonly input: Record<string, unknown>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
