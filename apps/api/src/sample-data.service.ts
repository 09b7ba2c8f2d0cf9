import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { seedSampleData } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PostgresEventStore } from '@app/event-store';

/** The embedded default starts with the sample story loaded, so there is something to look at. */
@Injectable()
export class SampleDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SampleData');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.database.mode !== 'embedded' || (await this.store.headCheckpoint()) !== null)
      return;
    const result = await seedSampleData(this.store, (work) => this.dataSource.transaction(work), {
      userId: 'system:first-start',
      correlationId: 'seed',
    });
    if (result.seeded)
      this.logger.log(
        `first start: loaded the sample story (${result.actors} actors, ${result.statements} statements)`,
      );
  }
}
