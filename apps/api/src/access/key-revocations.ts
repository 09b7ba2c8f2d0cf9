import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { API_KEY_REVOKED_CHANNEL } from '@app/access';
import { APP_CONFIG, AppConfig } from '@app/config';

/** How often the listening connection proves it is alive (a silent one stops the cache). */
const PROBE_MS = 2_000;

/**
 * Tells this process at once when any process revokes a key. With PostgreSQL, a dedicated
 * connection LISTENs on the channel `ApiKeys.revoke` notifies in the revoking transaction; while
 * that connection is not (yet, or no longer) listening, `live` is false and the guard caches no
 * key, so a revocation can never be missed — only a database lookup per request is paid. The
 * embedded database has one process, so its revocations all go through this one.
 */
@Injectable()
export class KeyRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('KeyRevocations');
  private readonly subscribers = new Set<(keyId: string | null) => void>();
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private probe: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether every revocation reaches this process as it happens. */
  get live(): boolean {
    return this.config.database.mode === 'embedded' || this.listening;
  }

  /** `keyId` was revoked; null: anything may have been (forget every cached key). */
  subscribe(listener: (keyId: string | null) => void): void {
    this.subscribers.add(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.database.mode === 'postgres') await this.connect(this.config.database.url);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.probe);
    await this.drop();
  }

  private emit(keyId: string | null): void {
    for (const listener of this.subscribers) listener(keyId);
  }

  private async connect(url: string): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: url,
      application_name: 'statement-tracker key revocations',
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    this.client = client;
    client.on('notification', (message) => this.emit(message.payload || null));
    client.on('error', (error) => void this.lost(client, error));
    client.on('end', () => void this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
      if (this.client !== client) return;
      // Revocations made while nobody listened: forget everything once we do.
      this.emit(null);
      this.listening = true;
      this.probe = setInterval(() => {
        // Unanswered within the interval counts as lost: a silent connection hears nothing.
        let timer: NodeJS.Timeout | undefined;
        const silent = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer to the probe')), PROBE_MS);
        });
        Promise.race([client.query('SELECT 1'), silent])
          .catch((error: Error) => void this.lost(client, error))
          .finally(() => clearTimeout(timer));
      }, PROBE_MS);
      this.probe.unref();
    } catch (error) {
      await this.lost(client, error as Error);
    }
  }

  private async lost(client: Client, error: Error): Promise<void> {
    if (this.client !== client) return;
    if (this.listening)
      this.logger.warn(`not listening for key revocations (${error.message}); keys go uncached`);
    this.listening = false;
    this.emit(null);
    await this.drop();
    if (this.stopped) return;
    this.retry = setTimeout(
      () => void this.connect((this.config.database as { url: string }).url),
      1_000,
    );
    this.retry.unref();
  }

  private async drop(): Promise<void> {
    clearInterval(this.probe);
    const client = this.client;
    this.client = null;
    this.listening = false;
    if (client) await client.end().catch(() => undefined);
  }
}
