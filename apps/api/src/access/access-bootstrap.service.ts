import { chmodSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeys } from '@app/access';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ensureDir } from '@app/database';

/**
 * Makes sure someone can get in: the configured bootstrap key becomes an admin key; with none
 * configured and no keys at all, the embedded default writes a fresh admin key to
 * DATA_DIR/admin-key (mode 0600) — a real deployment is told how to create one instead.
 */
@Injectable()
export class AccessBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ApiKeys) private readonly keys: ApiKeys,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.bootstrapApiKey) {
      await this.keys.ensureBootstrap(this.config.bootstrapApiKey);
      return;
    }
    if ((await this.keys.count()) > 0) return;
    if (this.config.database.mode === 'embedded') {
      const { key } = await this.keys.create('first admin (embedded default)', 'admin');
      ensureDir(this.config.dataDir);
      const file = resolve(join(this.config.dataDir, 'admin-key'));
      writeFileSync(file, `${key}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
      this.logger.log(
        `no API keys yet: an admin key was written to ${file} (use it as Authorization: Bearer <key>)`,
      );
    } else {
      this.logger.warn(
        'no API keys: set BOOTSTRAP_API_KEY or run `npm run cli -- keys create --role admin --name <who>`',
      );
    }
  }
}
