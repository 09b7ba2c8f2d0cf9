import { Query } from '@nestjs/cqrs';
import type { Versioned } from '../../shared/write-context';
import type { AccusationView } from '../accusation-view';

/** An accusation as it stands now, or as it stood at `knownAt`. */
export class GetAccusationQuery extends Query<Versioned<AccusationView>> {
  constructor(
    readonly accusationId: string,
    readonly knownAt?: Date,
  ) {
    super();
  }
}
