import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EventStoreIntegrity, PostgresEventStore } from '@app/event-store';
import { relayStatuses } from '@app/messaging';
import { Metric, prometheusText } from '../../metrics';
import { ProjectionStatusReader } from '../projection-status';
import { GetMetricsQuery } from './get-metrics.query';

/** Relay lag is counted up to here, so a scrape never scans the whole store. */
const LAG_COUNT_CAP = 1_000_000;

@QueryHandler(GetMetricsQuery)
export class GetMetricsHandler implements IQueryHandler<GetMetricsQuery> {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity,
    @Inject(ProjectionStatusReader) private readonly projections: ProjectionStatusReader,
  ) {}

  async execute(): Promise<string> {
    const [totals, seal, relays, projections] = await Promise.all([
      this.store.totals(),
      this.integrity.lastSeal(),
      relayStatuses(this.dataSource, this.store, LAG_COUNT_CAP),
      this.projections.report(),
    ]);
    const gauge = (name: string, help: string, value: number): Metric => ({
      name,
      help,
      type: 'gauge',
      samples: [{ value }],
    });
    const byRelay = (value: (r: (typeof relays)[number]) => number) =>
      relays.map((r) => ({ labels: { relay: r.name }, value: value(r) }));
    const byProjection = projections.projections.map((p) => ({
      labels: { projection: p.name, source: p.source },
      value: p,
    }));
    return prometheusText([
      gauge(
        'st_event_store_global_position',
        'Highest global position in the event store',
        totals.globalPosition,
      ),
      gauge('st_event_store_streams', 'Streams in the event store', totals.streams),
      gauge('st_event_store_seal_number', 'Number of the latest seal', seal?.sealNumber ?? 0),
      {
        name: 'st_relay_lag_events',
        help: 'Visible events a relay has not published yet',
        type: 'gauge',
        samples: byRelay((r) => r.lag),
      },
      {
        name: 'st_relay_published_events_total',
        help: 'Events a relay has published (acknowledged by the broker)',
        type: 'counter',
        samples: byRelay((r) => r.published),
      },
      {
        name: 'st_projection_lag',
        help: 'How far a read model is behind: events (feed) or messages (Kafka)',
        type: 'gauge',
        samples: byProjection
          .filter((s) => s.value.lag !== null)
          .map((s) => ({ labels: s.labels, value: s.value.lag! })),
      },
      {
        name: 'st_projection_processed_events_total',
        help: 'Events a read model has processed',
        type: 'counter',
        samples: byProjection.map((s) => ({ labels: s.labels, value: s.value.processed })),
      },
      {
        name: 'st_projection_dead_letters_total',
        help: 'Events set aside because a read model could not apply them',
        type: 'counter',
        samples: [{ value: projections.deadLetters }],
      },
    ]);
  }
}
