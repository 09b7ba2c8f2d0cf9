import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { ActorView } from '../actor-view';

/** Merge a duplicate into another actor: the duplicate is closed, the survivor takes its names. */
export class MergeActorsCommand extends Command<Versioned<ActorView>> {
  constructor(
    readonly actorId: string,
    readonly input: { into?: unknown; reason?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
