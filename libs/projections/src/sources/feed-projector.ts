/**
 * Runs projections from the store's gap-safe feed: the embedded default (in the api process),
 * rebuilds and audits. The feed checkpoint commits in the same transaction as the read-model
 * changes, so a crash at any point resumes exactly where the read models are.
 */
import { DataSource } from 'typeorm';
import { FeedCheckpoint, FeedPage, PostgresEventStore, RecordedEvent } from '@app/event-store';
import type { ProjectionEngine } from '../engine';
import type { ProjectionEvent } from '../projection';

export interface FeedProjectorOptions {
  batchSize?: number;
  /** Wait this long when caught up before reading again (ms). */
  idleMs?: number;
  log?: (message: string) => void;
}

export interface ProjectorStats {
  processed: number;
  duplicates: number;
  deadLetters: number;
  errors: number;
  lastError: string | null;
  running: boolean;
}

export function fromRecorded(event: RecordedEvent): ProjectionEvent {
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    streamPosition: event.streamPosition,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data as Record<string, unknown>,
    recordedAt: event.recordedAt,
  };
}

export class FeedProjector {
  private checkpoint: FeedCheckpoint | null = null;
  private stopped = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  readonly stats: ProjectorStats = {
    processed: 0,
    duplicates: 0,
    deadLetters: 0,
    errors: 0,
    lastError: null,
    running: false,
  };

  constructor(
    private readonly store: PostgresEventStore,
    private readonly engine: ProjectionEngine,
    private readonly dataSource: DataSource,
    private readonly options: FeedProjectorOptions = {},
  ) {}

  async start(): Promise<void> {
    this.checkpoint = await this.loadCheckpoint();
    this.stopped = false;
    this.stats.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
    await this.engine.close();
    this.stats.running = false;
  }

  /** Read again now instead of at the end of the idle wait (after a command committed). */
  wake(): void {
    // Remembered when no wait is in progress: a commit during a batch is read right after it.
    this.woken = true;
    this.wakeUp?.();
  }

  /** Process pages until the visible head; for rebuilds, the CLI and tests. */
  async catchUp(onProgress?: (processed: number) => void): Promise<number> {
    if (this.checkpoint === null) this.checkpoint = await this.loadCheckpoint();
    let total = 0;
    for (;;) {
      const page = await this.store.readFeed(this.checkpoint, this.options.batchSize ?? 500);
      await this.processPage(page);
      total += page.events.length;
      onProgress?.(total);
      if (page.caughtUp) {
        await this.engine.close();
        return total;
      }
    }
  }

  /** Visible events after the checkpoint. */
  async lag(): Promise<number> {
    return this.store.eventsAfter(this.checkpoint);
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (!this.stopped) {
      try {
        const page = await this.store.readFeed(this.checkpoint, this.options.batchSize ?? 500);
        await this.processPage(page);
        backoff = 200;
        if (page.caughtUp) {
          await this.engine.close(); // no connection held while idle
          await this.sleep(this.options.idleMs ?? 20);
        }
      } catch (error) {
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.options.log?.(`projector: ${(error as Error).message}; retrying in ${backoff} ms`);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private async processPage(page: FeedPage): Promise<void> {
    if (page.events.length === 0) return;
    const checkpoint = page.checkpoint!;
    const outcome = await this.engine.process(page.events.map(fromRecorded), (sql) =>
      sql.query(
        `INSERT INTO projection_checkpoints (projection, transaction_id, global_position, processed)
         SELECT name, $2::xid8, $3, $4 FROM unnest($1::text[]) AS name
         ON CONFLICT (projection) DO UPDATE
           SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position,
               processed = projection_checkpoints.processed + EXCLUDED.processed, updated_at = now()`,
        [
          this.engine.names,
          checkpoint.transactionId,
          checkpoint.globalPosition,
          page.events.length,
        ],
      ),
    );
    this.checkpoint = checkpoint;
    this.stats.processed += page.events.length;
    this.stats.duplicates += outcome.duplicates;
    this.stats.deadLetters += outcome.deadLetters.length;
    for (const letter of outcome.deadLetters)
      this.options.log?.(
        `projection ${letter.projection}: dead letter ${letter.event?.eventId ?? '?'} (${letter.error})`,
      );
  }

  /** The lowest checkpoint of the engine's projections (a new projection starts from the origin). */
  private async loadCheckpoint(): Promise<FeedCheckpoint | null> {
    const rows: Array<{ transaction_text: string; global_position: string }> =
      await this.dataSource.query(
        `SELECT transaction_id::text AS transaction_text, global_position FROM projection_checkpoints
          WHERE projection = ANY($1)`,
        [this.engine.names],
      );
    if (rows.length < this.engine.names.length) return null;
    const lowest = rows
      .map((r) => ({
        transactionId: r.transaction_text,
        globalPosition: Number(r.global_position),
      }))
      .sort((a, b) => {
        const tx = BigInt(a.transactionId) - BigInt(b.transactionId);
        return tx !== 0n ? (tx < 0n ? -1 : 1) : a.globalPosition - b.globalPosition;
      });
    return lowest[0];
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
