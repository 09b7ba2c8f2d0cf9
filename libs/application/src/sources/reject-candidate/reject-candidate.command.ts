import { Command } from '@nestjs/cqrs';
import type { CandidateStatus } from '@app/domain';
import type { WriteContext } from '../../shared/write-context';

export interface Rejection {
  candidateId: string;
  status: CandidateStatus;
  reason: string | null;
}

/** Reject a candidate: the extractor read something that is not a statement. */
export class RejectCandidateCommand extends Command<Rejection> {
  constructor(
    readonly sourceId: string,
    readonly candidateId: string,
    readonly input: { reason?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
