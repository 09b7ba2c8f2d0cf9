import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { ActorView } from '../actor-view';

/** Register an actor under a slug the caller chooses. */
export class RegisterActorCommand extends Command<Versioned<ActorView>> {
  constructor(
    readonly input: Record<string, unknown>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
