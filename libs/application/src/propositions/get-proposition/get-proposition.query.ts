import { Query } from '@nestjs/cqrs';
import type { Versioned } from '../../shared/write-context';
import type { PropositionView } from '../proposition-view';

/** A proposition as it stands now, or as it stood at `knownAt`. */
export class GetPropositionQuery extends Query<Versioned<PropositionView>> {
  constructor(
    readonly propositionId: string,
    readonly knownAt?: Date,
  ) {
    super();
  }
}
