import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { StatementView } from '../statement-view';

/** The statement takes a stance on a proposition. */
export class TakeStanceCommand extends Command<Versioned<StatementView>> {
  constructor(
    readonly statementId: string,
    readonly input: { propositionId?: unknown; stance?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
