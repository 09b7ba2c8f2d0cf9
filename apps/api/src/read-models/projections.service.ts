import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PostgresEventStore } from '@app/event-store';
import { ALL_PROJECTIONS, FeedProjector, ProjectionEngine } from '@app/projections';
import { UnitOfWork } from '../commands/unit-of-work';

export interface ProjectionStatus {
  name: string;
  source: string;
  lag: number | null;
  processed: number;
  updatedAt: string | null;
}

/**
 * Builds the read models in-process from the store feed when PROJECTIONS=feed (the embedded
 * default). With PROJECTIONS=kafka, apps/projector builds them and this only reports their status.
 */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private projector?: FeedProjector;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.projections !== 'feed') return;
    const engine = new ProjectionEngine(this.dataSource, ALL_PROJECTIONS, {
      source: 'feed',
      // The embedded database has one connection, which the feed reader needs too.
      keepConnection: this.config.database.mode === 'postgres',
    });
    this.projector = new FeedProjector(this.store, engine, this.dataSource, {
      idleMs: 250,
      log: (message) => this.logger.warn(message),
    });
    await this.projector.start();
    this.unitOfWork.onCommit(() => this.projector?.wake());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }

  /** Per projection: where it is and how far behind (events for the feed, messages for Kafka). */
  async status(): Promise<{
    source: string;
    projections: ProjectionStatus[];
    deadLetters: number;
  }> {
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM projection_dead_letters`,
    );
    if (this.config.projections === 'kafka') {
      const rows = await this.dataSource.query(
        `SELECT projection, source, lag, processed, updated_at FROM projection_status ORDER BY projection`,
      );
      return {
        source: 'kafka',
        deadLetters: n,
        projections: rows.map((r: Record<string, unknown>) => ({
          name: r.projection,
          source: r.source,
          lag: r.lag === null ? null : Number(r.lag),
          processed: Number(r.processed),
          updatedAt: (r.updated_at as Date).toISOString(),
        })),
      };
    }
    const rows: Array<{ projection: string; lag: number; processed: string; updated_at: Date }> =
      await this.dataSource.query(
        `SELECT c.projection, c.processed, c.updated_at,
                (SELECT count(*)::int FROM events e
                  WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
                    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())) AS lag
           FROM projection_checkpoints c WHERE c.lane = 'feed' ORDER BY c.projection`,
      );
    const byName = new Map(rows.map((r) => [r.projection, r]));
    // A projection without a checkpoint has everything ahead of it (counted only then).
    const total = ALL_PROJECTIONS.every((p) => byName.has(p.name))
      ? 0
      : Number(
          (
            await this.dataSource.query(
              `SELECT count(*)::int AS n FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
            )
          )[0].n,
        );
    return {
      source: this.config.projections,
      deadLetters: n,
      projections: ALL_PROJECTIONS.map((p) => {
        const row = byName.get(p.name);
        return {
          name: p.name,
          source: 'feed',
          lag: row ? row.lag : total,
          processed: row ? Number(row.processed) : 0,
          updatedAt: row ? row.updated_at.toISOString() : null,
        };
      }),
    };
  }
}
