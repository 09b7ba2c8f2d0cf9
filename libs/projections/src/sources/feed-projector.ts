/**
 * Runs projections from the store's gap-safe feed: the embedded default (in the api process),
 * rebuilds and audits. The feed checkpoint commits in the same transaction as the read-model
 * changes, so a crash at any point resumes exactly where the read models are.
 */
import { DataSource } from 'typeorm';
import { FeedCheckpoint, FeedPage, PostgresEventStore, RecordedEvent } from '@app/event-store';
import { FEED_LANE, ProjectionEngine } from '../engine';
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

/** Read models that another source took further than this one can safely go on from. */
export class ProjectionSourceConflict extends Error {
  override name = 'ProjectionSourceConflict';
}

/** A stored event → the event projections read. */
export function fromRecorded(event: RecordedEvent): ProjectionEvent {
  // Where stored events enter the read side: the store holds what the domain emitted, so the
  // row's type and data are taken as the domain's event of that type. Older events may lack
  // later fields (projections default them); a type the domain lacks reaches no projection
  // (none has it in `handles`).
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    streamPosition: event.streamPosition,
    transactionId: event.transactionId,
    globalPosition: event.globalPosition,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    recordedAt: event.recordedAt,
  } as ProjectionEvent;
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
    let ahead: Promise<FeedPage> | undefined;
    try {
      for (;;) {
        const page = await (ahead ?? this.read(this.checkpoint));
        ahead = page.caughtUp ? undefined : this.read(page.checkpoint);
        await this.processPage(page);
        total += page.events.length;
        onProgress?.(total);
        if (page.caughtUp) return total;
      }
    } finally {
      await ahead?.catch(() => undefined);
      await this.engine.close();
    }
  }

  /**
   * Reads a page. Called for the next page before the current one is applied, so that reading
   * (and parsing) overlaps the database applying the batch; a read-ahead is dropped if the batch
   * before it fails.
   */
  private read(after: FeedCheckpoint | null): Promise<FeedPage> {
    const page = this.store.readFeed(after, this.options.batchSize ?? 500);
    page.catch(() => undefined); // awaited (and its error seen) by whoever uses it
    return page;
  }

  /** Visible events after the checkpoint. */
  async lag(): Promise<number> {
    return this.store.eventsAfter(this.checkpoint);
  }

  private async run(): Promise<void> {
    let backoff = 200;
    let ahead: Promise<FeedPage> | undefined;
    while (!this.stopped) {
      try {
        const page = await (ahead ?? this.read(this.checkpoint));
        ahead = page.caughtUp ? undefined : this.read(page.checkpoint);
        await this.processPage(page);
        backoff = 200;
        if (page.caughtUp) {
          await this.engine.close(); // no connection held while idle
          await this.sleep(this.options.idleMs ?? 20);
        }
      } catch (error) {
        ahead = undefined;
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.options.log?.(`projector: ${(error as Error).message}; retrying in ${backoff} ms`);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
    await ahead?.catch(() => undefined);
  }

  private async processPage(page: FeedPage): Promise<void> {
    if (page.events.length === 0) return;
    // The engine moves the feed lane's checkpoint to the page's last event in the same
    // transaction, and drops what another feed projector (a second api) applied first.
    const outcome = await this.engine.process({
      lane: FEED_LANE,
      events: page.events.map(fromRecorded),
    });
    this.checkpoint = page.checkpoint!;
    this.stats.processed += page.events.length;
    this.stats.duplicates += outcome.duplicates;
    this.stats.deadLetters += outcome.deadLetters.length;
    for (const letter of outcome.deadLetters)
      this.options.log?.(
        `projection ${letter.projection}: dead letter ${letter.event?.eventId ?? '?'} (${letter.error})`,
      );
  }

  /**
   * The lowest checkpoint of the engine's projections (a new projection starts from the origin).
   * Refuses read models that Kafka took further than the feed: which of the later events a
   * partition applied is known only per partition, so the feed cannot go on from there.
   */
  private async loadCheckpoint(): Promise<FeedCheckpoint | null> {
    const ahead: Array<{ projection: string; lane: string }> = await this.dataSource.query(
      `SELECT k.projection, k.lane FROM projection_checkpoints k
         LEFT JOIN projection_checkpoints f ON f.projection = k.projection AND f.lane = $2
        WHERE k.projection = ANY($1) AND k.lane <> $2
          AND (f.projection IS NULL OR (k.transaction_id, k.global_position) > (f.transaction_id, f.global_position))
        ORDER BY 1, 2 LIMIT 1`,
      [this.engine.names, FEED_LANE],
    );
    if (ahead.length > 0)
      throw new ProjectionSourceConflict(
        `read model "${ahead[0].projection}" was projected from Kafka (${ahead[0].lane}) beyond the ` +
          `store feed's checkpoint; run the Kafka projector (PROJECTIONS=kafka) or rebuild ` +
          `the read models from the feed (cli projections rebuild)`,
      );
    const rows: Array<{ transaction_text: string; global_position: string }> =
      await this.dataSource.query(
        `SELECT transaction_id::text AS transaction_text, global_position FROM projection_checkpoints
          WHERE projection = ANY($1) AND lane = $2`,
        [this.engine.names, FEED_LANE],
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
