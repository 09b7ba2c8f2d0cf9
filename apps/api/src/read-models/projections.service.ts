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
import { UnitOfWork } from '@app/application';

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
}
