import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DATABASE, Database } from '@app/database';
import { EventStoreIntegrity, formatCheckpoint, PostgresEventStore } from '@app/event-store';
import { Access } from '../access/access.decorator';
import { ProjectionsService } from '../read-models/projections.service';

@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
  ) {}

  /** Each relay's acknowledged position and how many visible events it has not published yet. */
  private async relays() {
    const rows: Array<Record<string, unknown>> = await this.database.dataSource.query(
      `SELECT r.relay_name, r.transaction_id::text AS transaction_text, r.global_position, r.published, r.updated_at,
              (SELECT count(*) FROM events e
                WHERE (e.transaction_id, e.global_position) > (r.transaction_id, r.global_position)
                  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())) AS lag
         FROM relay_checkpoints r ORDER BY r.relay_name`,
    );
    return rows.map((row) => ({
      name: row.relay_name,
      checkpoint: `${row.transaction_text}:${row.global_position}`,
      published: Number(row.published),
      lag: Number(row.lag),
      updatedAt: row.updated_at,
    }));
  }

  /** Liveness and what this instance runs on; 503 when the database does not answer. */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const started = Date.now();
    let database: Record<string, unknown>;
    let eventStore: Record<string, unknown> | null = null;
    try {
      await this.database.dataSource.query('SELECT 1');
      database = {
        mode: this.database.mode,
        location: this.database.location,
        ok: true,
        latencyMs: Date.now() - started,
      };
      const [head, seal] = await Promise.all([
        this.store.headCheckpoint(),
        this.integrity.lastSeal(),
      ]);
      eventStore = {
        head: head ? formatCheckpoint(head) : null,
        lastSeal: seal
          ? {
              sealNumber: seal.sealNumber,
              to: formatCheckpoint(seal.to),
              sealHash: seal.sealHash,
              sealedAt: seal.sealedAt,
            }
          : null,
      };
    } catch (error) {
      database = {
        mode: this.database.mode,
        location: this.database.location,
        ok: false,
        error: (error as Error).message,
      };
    }
    const ok = database.ok === true;
    response.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'unavailable',
      database,
      eventStore,
      kafka: this.config.kafka
        ? {
            configured: true,
            brokers: this.config.kafka.brokers,
            relays: ok ? await this.relays() : [],
          }
        : { configured: false, relay: 'off: KAFKA_BROKERS is not set' },
      projections:
        this.config.projections === 'off'
          ? { source: 'off' }
          : ok
            ? await this.projections.status()
            : null,
    };
  }
}
