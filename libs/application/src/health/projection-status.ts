import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PostgresEventStore } from '@app/event-store';
import { ALL_PROJECTIONS, ProjectionReport, projectionReport } from '@app/projections';

/** The read models' progress as this instance's configuration builds them. */
@Injectable()
export class ProjectionStatusReader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
  ) {}

  async report(): Promise<ProjectionReport> {
    const source = this.config.projections === 'kafka' ? 'kafka' : 'feed';
    const names = ALL_PROJECTIONS.map((p) => p.name);
    const report = await projectionReport(this.dataSource, this.store, source, names);
    return { ...report, source: this.config.projections };
  }
}
