import { Command } from '@nestjs/cqrs';
import type { WriteContext } from '../../shared/write-context';
import type { Acceptance } from './candidate-acceptance';

/**
 * Accept a candidate as a statement or a mention; `changes` edits it first (speakerId,
 * principalId, kind, targetIds, quote, summary, saidAt); `newActors` registers actors it names
 * that are not on record.
 */
export class AcceptCandidateCommand extends Command<Acceptance> {
  constructor(
    readonly sourceId: string,
    readonly candidateId: string,
    readonly input: { changes?: unknown; newActors?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
