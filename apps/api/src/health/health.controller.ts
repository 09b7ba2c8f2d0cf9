import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DATABASE, Database } from '@app/database';
import { EventStoreIntegrity, formatCheckpoint, PostgresEventStore } from '@app/event-store';
import { Access } from '../access/access.decorator';
import { ProjectionsService } from '../read-models/projections.service';
import { DatabaseProbe } from './database-probe';

/** Lag is counted up to here ("at least this many"), so a far-behind relay costs no full scan. */
const LAG_COUNT_CAP = 1_000_000;
/** A relay with events waiting that has not checkpointed for this long is reported stalled. */
const RELAY_STALLED_AFTER_MS = 30_000;

@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity,
    @Inject(ProjectionsService) private readonly projections: ProjectionsService,
    @Inject(DatabaseProbe) private readonly probe: DatabaseProbe,
  ) {}

  /** Each relay's acknowledged position and how many visible events it has not published yet. */
  private async relays(): Promise<
    Array<{
      name: unknown;
      checkpoint: string;
      published: number;
      lag: number;
      updatedAt: Date;
      stalled: boolean;
    }>
  > {
    const rows: Array<Record<string, unknown>> = await this.database.dataSource.query(
      `SELECT r.relay_name, r.transaction_id::text AS transaction_text, r.global_position, r.published, r.updated_at,
              (SELECT count(*) FROM (SELECT 1 FROM events e
                WHERE (e.transaction_id, e.global_position) > (r.transaction_id, r.global_position)
                  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                LIMIT ${LAG_COUNT_CAP}) behind) AS lag
         FROM relay_checkpoints r ORDER BY r.relay_name`,
    );
    const now = Date.now();
    return rows.map((row) => {
      const lag = Number(row.lag);
      const updatedAt = row.updated_at as Date;
      return {
        name: row.relay_name,
        checkpoint: `${row.transaction_text}:${row.global_position}`,
        published: Number(row.published),
        lag,
        updatedAt,
        // Events wait and the relay has not moved for a while: it is down or cannot publish.
        stalled: lag > 0 && now - updatedAt.getTime() > RELAY_STALLED_AFTER_MS,
      };
    });
  }

  /**
   * Liveness for load balancers and anyone else: whether this instance can reach its database,
   * answered within a second on a connection of its own. It names no host, database or broker.
   */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const database = await this.probe.check();
    response.status(database.ok ? 200 : 503);
    if (!database.ok) response.setHeader('Retry-After', '5');
    return {
      status: database.ok ? 'ok' : 'unavailable',
      database: { ok: database.ok, latencyMs: database.latencyMs },
    };
  }

  /** Liveness plus what this instance runs on and how far its relays and projections are. */
  @Get('details')
  @Access('admin')
  async details(@Res({ passthrough: true }) response: Response) {
    const probe = await this.probe.check();
    const database: Record<string, unknown> = {
      mode: this.database.mode,
      location: this.database.location,
      ...probe,
    };
    let eventStore: Record<string, unknown> | null = null;
    let relays: Awaited<ReturnType<HealthController['relays']>> = [];
    let projections: unknown = this.config.projections === 'off' ? { source: 'off' } : null;
    let ok = probe.ok;
    if (ok) {
      try {
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
        if (this.config.kafka) relays = await this.relays();
        if (this.config.projections !== 'off') projections = await this.projections.status();
      } catch (error) {
        ok = false;
        database.ok = false;
        database.error = (error as Error).message;
      }
    }
    response.status(ok ? 200 : 503);
    return {
      // The api itself serves; "degraded" says events are not reaching Kafka.
      status: !ok ? 'unavailable' : relays.some((r) => r.stalled) ? 'degraded' : 'ok',
      database,
      eventStore,
      kafka: this.config.kafka
        ? { configured: true, brokers: this.config.kafka.brokers, relays }
        : { configured: false, relay: 'off: KAFKA_BROKERS is not set' },
      projections,
    };
  }
}
