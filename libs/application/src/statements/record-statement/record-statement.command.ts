import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { StatementView } from '../statement-view';

/** Record a statement; `newActors` registers actors it names that are not on record yet. */
export class RecordStatementCommand extends Command<
  Versioned<StatementView> & { statementId: string }
> {
  constructor(
    readonly input: Record<string, unknown>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
