import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { PropositionView } from '../proposition-view';

/** Reword a proposition (the stances taken on it stay). */
export class RewordPropositionCommand extends Command<Versioned<PropositionView>> {
  constructor(
    readonly propositionId: string,
    readonly input: { text?: unknown; reason?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
