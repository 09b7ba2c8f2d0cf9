import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { AccusationView } from '../accusation-view';

/** An accusation made by a recorded statement of kind accusation. */
export class MakeAccusationCommand extends Command<
  Versioned<AccusationView> & { accusationId: string }
> {
  constructor(
    readonly input: { statementId?: unknown; accusedIds?: unknown; allegation?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
