import { Query } from '@nestjs/cqrs';
import type { Versioned } from '../../shared/write-context';
import type { StatementView } from '../statement-view';

/** A statement as it stands now, or as it stood at `knownAt`. */
export class GetStatementQuery extends Query<Versioned<StatementView>> {
  constructor(
    readonly statementId: string,
    readonly knownAt?: Date,
  ) {
    super();
  }
}
