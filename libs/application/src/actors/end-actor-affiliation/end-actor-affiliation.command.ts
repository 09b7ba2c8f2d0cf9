import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { ActorView } from '../actor-view';

/** End an affiliation on a date. */
export class EndActorAffiliationCommand extends Command<Versioned<ActorView>> {
  constructor(
    readonly actorId: string,
    readonly input: Record<string, unknown>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
