import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { StatementView } from '../statement-view';

/** Editorial correction: we recorded it wrong. */
export class CorrectStatementCommand extends Command<Versioned<StatementView>> {
  constructor(
    readonly statementId: string,
    readonly input: { changes?: unknown; reason?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
