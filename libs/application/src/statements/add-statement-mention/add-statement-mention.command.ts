import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { StatementView } from '../statement-view';

/** Another source reporting the same statement. */
export class AddStatementMentionCommand extends Command<Versioned<StatementView>> {
  constructor(
    readonly statementId: string,
    readonly input: { sourceId?: unknown; span?: unknown; reportedAt?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
