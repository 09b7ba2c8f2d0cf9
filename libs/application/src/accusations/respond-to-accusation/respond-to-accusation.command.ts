import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { AccusationView } from '../accusation-view';

/**
 * Link a statement as a denial or acknowledgement (by an accused) or a withdrawal (by the
 * accuser).
 */
export class RespondToAccusationCommand extends Command<Versioned<AccusationView>> {
  constructor(
    readonly accusationId: string,
    readonly input: { statementId?: unknown; response?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
