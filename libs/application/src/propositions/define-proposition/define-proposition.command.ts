import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { PropositionView } from '../proposition-view';

/** Define a claim that statements can take a stance on. */
export class DefinePropositionCommand extends Command<Versioned<PropositionView>> {
  constructor(
    readonly input: { propositionId?: unknown; text?: unknown; tags?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
