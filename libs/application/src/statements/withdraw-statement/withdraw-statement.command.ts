import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { StatementView } from '../statement-view';

/** Withdrawal from the record: a duplicate or erroneous entry (kept, marked). */
export class WithdrawStatementCommand extends Command<Versioned<StatementView>> {
  constructor(
    readonly statementId: string,
    readonly input: { reason?: unknown; note?: unknown; duplicateOf?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
