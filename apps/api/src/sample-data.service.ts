import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SeedSampleDataCommand } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PostgresEventStore } from '@app/event-store';

/** The embedded default starts with the sample story loaded, so there is something to look at. */
@Injectable()
export class SampleDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SampleData');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.database.mode !== 'embedded' || (await this.store.headCheckpoint()) !== null)
      return;
    const result = await this.commands.execute(new SeedSampleDataCommand('system:first-start'));
    if (result.seeded)
      this.logger.log(
        `first start: loaded the sample story (${result.actors} actors, ${result.statements} statements)`,
      );
  }
}
