import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventStoreIntegrity } from '@app/event-store';

/** Seals the global order on a timer so tampering with sealed history is detectable. */
@Injectable()
export class SealerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SealerService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sealIntervalMs === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sealNow().finally(() => (this.running = undefined));
    }, this.config.sealIntervalMs);
    this.timer.unref();
  }

  /** A graceful stop seals what is new, so a stopped api leaves no unsealed tail behind. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    if (this.config.sealIntervalMs > 0) await this.sealNow();
  }

  private async sealNow(): Promise<void> {
    try {
      const seals = await this.integrity.seal();
      if (seals.length > 0)
        this.logger.log(
          `sealed ${seals.reduce((n, s) => n + s.eventCount, 0)} events (seal #${seals[seals.length - 1].sealNumber})`,
        );
    } catch (error) {
      this.logger.warn(`sealing failed, will retry: ${(error as Error).message}`);
    }
  }
}
