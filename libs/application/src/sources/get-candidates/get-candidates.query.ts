import { Query } from '@nestjs/cqrs';
import type { SourceState } from '@app/domain';
import type { Versioned } from '../../shared/write-context';

export interface SourceCandidates {
  sourceId: string;
  extractor: SourceState['extractor'];
  candidates: Array<SourceState['candidates'][number] & { text: string }>;
}

/** The statements the extractor proposed in a source, with their review status. */
export class GetCandidatesQuery extends Query<Versioned<SourceCandidates>> {
  constructor(
    readonly sourceId: string,
    readonly knownAt?: Date,
  ) {
    super();
  }
}
