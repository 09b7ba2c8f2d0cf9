import { Query } from '@nestjs/cqrs';
import type { Versioned } from '../../shared/write-context';
import type { SourceView } from '../source-view';

/** A source as it stands now, or as it stood at `knownAt`. */
export class GetSourceQuery extends Query<Versioned<SourceView>> {
  constructor(
    readonly sourceId: string,
    readonly knownAt?: Date,
  ) {
    super();
  }
}
