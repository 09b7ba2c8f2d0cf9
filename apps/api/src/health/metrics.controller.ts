import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Metric, prometheusText } from '@app/application';
import { Access } from '../access/access.decorator';
import { ProjectionsService } from '../read-models/projections.service';

/** Prometheus metrics of the store and the relays (read from their checkpoint rows). */
@ApiExcludeController()
@Controller('metrics')
@Access('public')
export class MetricsController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const [head] = await this.dataSource.query(
      `SELECT (SELECT coalesce(max(global_position), 0) FROM events) AS global_position,
              (SELECT coalesce(max(seal_number), 0) FROM event_seals) AS seal_number,
              (SELECT count(*) FROM streams) AS streams`,
    );
    const relays: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT r.relay_name, r.published,
              (SELECT count(*) FROM (SELECT 1 FROM events e
                WHERE (e.transaction_id, e.global_position) > (r.transaction_id, r.global_position)
                  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                LIMIT 1000000) behind) AS lag
         FROM relay_checkpoints r ORDER BY r.relay_name`,
    );
    const projections = await this.projections.status();
    const metrics: Metric[] = [
      {
        name: 'st_event_store_global_position',
        help: 'Highest global position in the event store',
        type: 'gauge',
        samples: [{ value: Number(head.global_position) }],
      },
      {
        name: 'st_event_store_streams',
        help: 'Streams in the event store',
        type: 'gauge',
        samples: [{ value: Number(head.streams) }],
      },
      {
        name: 'st_event_store_seal_number',
        help: 'Number of the latest seal',
        type: 'gauge',
        samples: [{ value: Number(head.seal_number) }],
      },
      {
        name: 'st_relay_lag_events',
        help: 'Visible events a relay has not published yet',
        type: 'gauge',
        samples: relays.map((r) => ({
          labels: { relay: String(r.relay_name) },
          value: Number(r.lag),
        })),
      },
      {
        name: 'st_relay_published_events_total',
        help: 'Events a relay has published (acknowledged by the broker)',
        type: 'counter',
        samples: relays.map((r) => ({
          labels: { relay: String(r.relay_name) },
          value: Number(r.published),
        })),
      },
      {
        name: 'st_projection_lag',
        help: 'How far a read model is behind: events (feed) or messages (Kafka)',
        type: 'gauge',
        samples: projections.projections
          .filter((p) => p.lag !== null)
          .map((p) => ({ labels: { projection: p.name, source: p.source }, value: p.lag! })),
      },
      {
        name: 'st_projection_processed_events_total',
        help: 'Events a read model has processed',
        type: 'counter',
        samples: projections.projections.map((p) => ({
          labels: { projection: p.name, source: p.source },
          value: p.processed,
        })),
      },
      {
        name: 'st_projection_dead_letters_total',
        help: 'Events set aside because a read model could not apply them',
        type: 'counter',
        samples: [{ value: projections.deadLetters }],
      },
    ];
    return prometheusText(metrics);
  }
}
