import { Query } from '@nestjs/cqrs';
import type { HistoryEntry } from '../../shared/records';
import type { RecordKind } from '../record-kinds';

export interface RecordHistory {
  id: string;
  events: HistoryEntry[];
}

/** Every event of one record, oldest first: what an auditor replays. */
export class GetRecordHistoryQuery extends Query<RecordHistory> {
  constructor(
    readonly kind: RecordKind,
    readonly id: string,
  ) {
    super();
  }
}
