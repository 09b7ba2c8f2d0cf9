import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { ActorView } from '../actor-view';

/** Record that an actor belongs to or speaks for an organisation, from and to a date. */
export class AddActorAffiliationCommand extends Command<Versioned<ActorView>> {
  constructor(
    readonly actorId: string,
    readonly input: Record<string, unknown>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
