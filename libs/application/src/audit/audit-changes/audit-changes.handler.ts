import { Inject, NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { instant, invalid } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { AuditTrailQueries } from '@app/projections';
import { RECORD_KINDS, RecordKind } from '../../records/record-kinds';
import { page } from '../../shared/pages';
import { AuditChanges, AuditChangesQuery, AuditHistoryQuery } from './audit-changes.query';
import { AuditChange, describeAlert, describeEvent } from './describe-change';

@QueryHandler(AuditChangesQuery)
export class AuditChangesHandler implements IQueryHandler<AuditChangesQuery> {
  constructor(@Inject(AuditTrailQueries) private readonly trail: AuditTrailQueries) {}

  async execute({ from, to, limit, cursor }: AuditChangesQuery): Promise<AuditChanges> {
    if (from === undefined) throw invalid('from', 'from is required: the start of the window');
    const start = instant(from, 'from');
    const end = to === undefined ? new Date().toISOString() : instant(to, 'to');
    if (end <= start) throw invalid('to', `to (${end}) must be after from (${start})`);
    const { items, nextCursor } = await page(() =>
      this.trail.between(new Date(start), new Date(end), limit, cursor),
    );
    return {
      from: start,
      to: end,
      items: items.map((row) =>
        row.source === 0
          ? describeEvent({
              eventId: row.eventId!,
              type: row.type,
              streamId: row.streamId!,
              streamPosition: row.streamPosition!,
              recordedAt: row.at,
              data: row.data,
              metadata: row.metadata ?? {},
            })
          : describeAlert({
              id: row.changeId!,
              kind: row.type as 'alert.raised' | 'alert.cleared',
              ref: row.ref!,
              at: row.at.toISOString(),
              actorIds: row.actorIds ?? [],
              data: row.data,
            }),
      ),
      nextCursor,
    };
  }
}

@QueryHandler(AuditHistoryQuery)
export class AuditHistoryHandler implements IQueryHandler<AuditHistoryQuery> {
  constructor(@Inject(PostgresEventStore) private readonly store: PostgresEventStore) {}

  async execute({ id, kind }: AuditHistoryQuery): Promise<{ id: string; changes: AuditChange[] }> {
    const kinds = Object.keys(RECORD_KINDS) as RecordKind[];
    if (kind !== undefined && !kinds.includes(kind as RecordKind))
      throw invalid('kind', `kind must be one of ${kinds.join(', ')}`);
    // An id names a record of every kind whose ids look like it (a statement and the accusation
    // it opened share one): all of them, oldest event first.
    const streams = (kind ? [kind as RecordKind] : kinds).flatMap((k) => {
      const { id: check, stream } = RECORD_KINDS[k];
      try {
        return [stream(check(id, `${k}Id`))];
      } catch {
        return [];
      }
    });
    if (streams.length === 0)
      throw invalid('recordId', `"${id.slice(0, 100)}" is not an id of any record`);
    const events = (await Promise.all(streams.map((s) => this.store.readStream(s)))).flat();
    if (events.length === 0) throw new NotFoundException(`no record has the id ${id}`);
    events.sort((a, b) => a.globalPosition - b.globalPosition);
    return { id, changes: events.map(describeEvent) };
  }
}
