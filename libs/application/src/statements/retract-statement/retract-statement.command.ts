import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { StatementView } from '../statement-view';

/** Retraction: the actor took it back. */
export class RetractStatementCommand extends Command<Versioned<StatementView>> {
  constructor(
    readonly statementId: string,
    readonly input: { retractedOn?: unknown; sourceId?: unknown; note?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
