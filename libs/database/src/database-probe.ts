import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Database } from './database';
import { DATABASE } from './tokens';

/** /health answers within a second, whatever the pool is doing. */
export const HEALTH_DEADLINE_MS = 900;

export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/**
 * Asks the database whether it answers, on a connection of its own (PostgreSQL), so a saturated
 * pool does not make the instance look dead, and never for longer than HEALTH_DEADLINE_MS. The
 * embedded database has one session, shared with the pool, so there the deadline alone holds.
 */
@Injectable()
export class DatabaseProbe implements OnApplicationShutdown {
  private client: Promise<Client> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  async check(deadlineMs = HEALTH_DEADLINE_MS): Promise<ProbeResult> {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the database did not answer within ${deadlineMs} ms`)),
        deadlineMs,
      );
    });
    try {
      await Promise.race([this.ask(), deadline]);
      return { ok: true, latencyMs: Date.now() - started };
    } catch (error) {
      // A connection that did not answer in time may be dead: the next check makes a new one.
      if (this.client) this.forget(this.client);
      return { ok: false, latencyMs: Date.now() - started, error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.then((c) => c.end()).catch(() => undefined);
  }

  private async ask(): Promise<void> {
    if (this.config.database.mode !== 'postgres') {
      await this.database.dataSource.query('SELECT 1');
      return;
    }
    const url = this.config.database.url;
    const connecting = (this.client ??= (async () => {
      const client = new Client({
        connectionString: url,
        application_name: 'statement-tracker health',
        connectionTimeoutMillis: HEALTH_DEADLINE_MS,
        keepAlive: true,
      });
      client.on('error', () => this.forget(connecting));
      await client.connect();
      return client;
    })());
    try {
      await (await connecting).query('SELECT 1');
    } catch (error) {
      this.forget(connecting);
      throw error;
    }
  }

  private forget(client: Promise<Client>): void {
    if (this.client !== client) return;
    this.client = null;
    client.then((c) => c.end()).catch(() => undefined);
  }
}
