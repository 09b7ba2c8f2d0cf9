import { Query } from '@nestjs/cqrs';
import type { AuditChange } from './describe-change';

export interface AuditChanges {
  from: string;
  to: string;
  items: AuditChange[];
  nextCursor: string | null;
}

/**
 * Every change to the record recorded in [from, to) — events of every record, alerts the read
 * models raised and cleared — oldest first, described for a person (who, when, why, before and
 * after). Times are ISO instants, unchecked (the handler checks them); `to` defaults to now.
 */
export class AuditChangesQuery extends Query<AuditChanges> {
  constructor(
    readonly from: string | undefined,
    readonly to: string | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

/** One record's history described as the changes list describes it (every kind with that id). */
export class AuditHistoryQuery extends Query<{ id: string; changes: AuditChange[] }> {
  constructor(
    readonly id: string,
    readonly kind?: string,
  ) {
    super();
  }
}
