import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { PostgresEventStore } from '@app/event-store';
import { history } from '../../shared/records';
import { recordStream } from '../record-kinds';
import { GetRecordHistoryQuery } from './get-record-history.query';

@QueryHandler(GetRecordHistoryQuery)
export class GetRecordHistoryHandler implements IQueryHandler<GetRecordHistoryQuery> {
  constructor(@Inject(PostgresEventStore) private readonly store: PostgresEventStore) {}

  async execute({ kind, id }: GetRecordHistoryQuery) {
    const events = await this.store.readStream(recordStream(kind, id));
    if (events.length === 0) throw new NotFoundException(`${kind} ${id} not found`);
    return { id, events: history(events) };
  }
}
