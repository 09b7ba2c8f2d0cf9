/**
 * Replay without downtime: builds the read models from the store feed into shadow tables while
 * the live ones keep answering, checks the result, and swaps it in atomically; live projectors
 * then go on from the replayed checkpoints (docs/adr/0013).
 *
 * 1. lock     — one replay at a time (a session advisory lock: a killed run lets go of it).
 * 2. shadow   — the shadow an interrupted run left for the same build, or a new one (shadow.ts).
 * 3. replay   — the feed into the shadow, batch by batch; each batch commits with its checkpoint,
 *               so a crash or SIGKILL resumes where the shadow is.
 * 4. index    — the indexes left for after the load; ANALYZE, so the planner knows the new rows.
 * 5. swap     — holding the projections' rebuild locks (live batches wait): the last events, the
 *               checksums, then one short transaction that drops the live tables and moves the
 *               shadow ones in, with the replay's checkpoints. Readers wait for it at most
 *               `lockTimeoutMs` at a time; it gives way and tries again rather than stall them.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { FeedCheckpoint, formatCheckpoint, PostgresEventStore } from '@app/event-store';
import { readModelChecksums, withRebuildLock } from '../checksum';
import { compareFeedPositions, FEED_LANE, ProjectionEngine } from '../engine';
import type { Projection, Sql } from '../projection';
import { FeedProjector } from '../sources/feed-projector';
import {
  buildDeferredIndexes,
  dropShadow,
  existingShadow,
  openShadow,
  resumable,
  SHADOW_SCHEMA,
  shadowAnalyzer,
  shadowFingerprint,
  swapShadow,
} from './shadow';

export type ReplayPhase = 'replay' | 'index' | 'check' | 'swap';

export interface ReplayProgress {
  phase: ReplayPhase;
  /** Events applied (replay), indexes built (index); 0/1 for the short phases. */
  done: number;
  total: number;
  detail?: string;
}

export interface ReplayPlan {
  projections: string[];
  tables: string[];
  /** Events stored now: what a replay from the start reads. */
  events: number;
  /** Events still to apply (fewer than `events` when an interrupted run would be resumed). */
  remaining: number;
  /** An interrupted run of the same build that a replay would resume. */
  resumes: { startedAt: string; checkpoint: string | null } | null;
  /**
   * A shadow that would be dropped: of another build (other projections, older migrations), or
   * with nothing committed to resume.
   */
  discards: { projections: string[]; startedAt: string } | null;
  estimatedSeconds: number;
  /** What the estimate is based on. */
  estimateBasis: string;
}

export interface ReplayResult {
  projections: string[];
  events: number;
  seconds: number;
  resumed: boolean;
  deadLetters: number;
  /** The feed checkpoint the swapped-in read models stand at. */
  checkpoint: string | null;
  checksums: Record<string, { rows: number; md5: string }>;
  /** Per table: did the replayed rows equal the live ones just before the swap? */
  sameAsLive: Record<string, boolean>;
  swapAttempts: number;
}

export interface ReplayOptions {
  batchSize?: number;
  /** How long the swap may keep readers waiting at a time (ms). */
  lockTimeoutMs?: number;
  /** How many times the swap tries before giving up (the shadow stays; a rerun resumes). */
  swapAttempts?: number;
  onProgress?: (progress: ReplayProgress) => void;
  /**
   * The database is one session (the embedded PGlite, one user at a time): no locks against
   * other processes, and the session's own search_path points at the shadow while it fills.
   */
  singleSession?: boolean;
}

/** Another replay holds the replay lock. */
export class ReplayBusy extends Error {
  override name = 'ReplayBusy';
}

/**
 * A first replay's guess (later ones use the last replay's rate): `bench rebuild` measures about
 * 4,000 events/s on 2 cores over a million events, every read model included (README).
 */
const DEFAULT_EVENTS_PER_SECOND = 4_000;
const REPLAY_LOCK = `hashtext('statement-tracker.replay')`;

export class Replay {
  readonly names: string[];
  readonly tables: string[];
  private readonly projections: readonly Projection[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PostgresEventStore,
    projections: readonly Projection[],
    private readonly options: ReplayOptions = {},
  ) {
    // A projection that keeps no tables of its own (the change log's writer) has nothing to
    // rebuild: it goes on live from its own checkpoint, and replaying it would only fill the
    // scratch log.
    this.projections = projections.filter((p) => p.tables.length > 0);
    if (this.projections.length === 0)
      throw new Error(
        `${projections.map((p) => p.name).join(', ')} keeps no tables of its own: nothing to replay`,
      );
    this.names = this.projections.map((p) => p.name);
    this.tables = this.projections.flatMap((p) => p.tables.map((t) => t.table));
  }

  /** What a replay would do now; changes nothing. */
  async plan(): Promise<ReplayPlan> {
    const earlier = await existingShadow(this.dataSource);
    const fingerprint = await shadowFingerprint(this.dataSource, this.names);
    const resumes =
      earlier?.fingerprint === fingerprint && (await resumable(this.dataSource)) ? earlier : null;
    const checkpoint = resumes ? await this.shadowCheckpoint() : null;
    const events = await this.store.eventsAfter(null);
    const remaining = resumes ? await this.store.eventsAfter(checkpoint) : events;
    const [last] = await this.dataSource.query(
      `SELECT events, seconds FROM projection_replays WHERE seconds > 0 AND events > 0
        ORDER BY id DESC LIMIT 1`,
    );
    const rate = last ? Number(last.events) / Number(last.seconds) : DEFAULT_EVENTS_PER_SECOND;
    return {
      projections: this.names,
      tables: this.tables,
      events,
      remaining,
      resumes: resumes
        ? {
            startedAt: resumes.startedAt.toISOString(),
            checkpoint: checkpoint && formatCheckpoint(checkpoint),
          }
        : null,
      discards:
        earlier && !resumes
          ? { projections: earlier.projections, startedAt: earlier.startedAt.toISOString() }
          : null,
      estimatedSeconds: Math.ceil(remaining / rate),
      estimateBasis: last
        ? `the last replay's rate (${Math.round(rate)} events/s)`
        : `no replay on record; assumed ${DEFAULT_EVENTS_PER_SECOND} events/s`,
    };
  }

  async run(): Promise<ReplayResult> {
    const started = Date.now();
    const single = this.options.singleSession === true;
    const lock = single ? undefined : this.dataSource.createQueryRunner();
    let shadowSource: DataSource | undefined;
    try {
      if (lock) {
        await lock.connect();
        const [{ locked }] = await lock.query(
          `SELECT pg_try_advisory_lock(${REPLAY_LOCK}) AS locked`,
        );
        if (!locked) throw new ReplayBusy('another replay is running; wait for it to finish');
      }
      const run = await openShadow(
        {
          query: (text, values) => this.dataSource.query(text, values),
          transaction: (work) =>
            this.dataSource.transaction((m) => work({ query: (t, v) => m.query(t, v) })),
        },
        this.names,
        this.tables,
      );
      shadowSource = single ? this.dataSource : await this.openShadowSource();
      if (single) await this.dataSource.query(`SET search_path TO ${SHADOW_SCHEMA}, public`);
      const engine = new ProjectionEngine(shadowSource, this.projections, {
        source: 'replay',
        keepConnection: !single,
        // Nothing else writes the shadow: no projection lock is needed while it fills.
        holdsRebuildLock: true,
      });
      const projector = new FeedProjector(this.store, engine, shadowSource, {
        batchSize: this.options.batchSize ?? 1000,
      });
      const before = run.resumed ? await this.shadowProcessed() : 0;
      const remaining = await this.store.eventsAfter(await this.shadowCheckpoint());
      let total = before + remaining;
      const report = (phase: ReplayPhase, done: number, all: number, detail?: string) =>
        this.options.onProgress?.({ phase, done, total: all, detail });
      report('replay', before, total);
      const dataSource = this.dataSource;
      const analyzer = single
        ? undefined
        : shadowAnalyzer({ query: (t, v) => dataSource.query(t, v) }, this.tables);
      const applied = await projector.catchUp((n) => {
        total = Math.max(total, before + n);
        analyzer?.grown(before + n);
        report('replay', before + n, total);
      });
      await analyzer?.settled();

      const deferred = await buildDeferredIndexes(shadowSource, this.tables, (name) =>
        report('index', 0, 1, name),
      );
      for (const table of this.tables)
        await this.dataSource.query(`ANALYZE ${SHADOW_SCHEMA}.${table}`);
      report('index', 1, 1, `${deferred.length} indexes built`);

      const guarded = <T>(work: () => Promise<T>) =>
        single ? work() : withRebuildLock(this.dataSource, this.projections, work);
      const outcome = await guarded(async () => {
        const late = await this.catchUpWithLiveLanes(projector);
        report('check', 0, 1);
        const checkpoint = await this.shadowCheckpoint();
        await this.check(checkpoint);
        const checksums = await readModelChecksums(
          this.dataSource,
          this.projections,
          SHADOW_SCHEMA,
        );
        const sameAsLive = await this.compareWithLive(checksums);
        report('check', 1, 1);
        const deadLetters = await this.deadLettersSince(run.startedAt);
        const events = before + applied + late;
        const seconds = (Date.now() - started) / 1000;
        const attempts = await this.swap(async (tx) => {
          await tx.query(
            `INSERT INTO public.projection_replays
               (projections, started_at, events, seconds, resumed, dead_letters, checkpoint, checksums)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              this.names,
              run.startedAt,
              events,
              seconds,
              run.resumed,
              deadLetters,
              checkpoint && formatCheckpoint(checkpoint),
              JSON.stringify(checksums),
            ],
          );
        }, report);
        return {
          projections: this.names,
          events,
          seconds,
          resumed: run.resumed,
          deadLetters,
          checkpoint: checkpoint && formatCheckpoint(checkpoint),
          checksums,
          sameAsLive,
          swapAttempts: attempts,
        };
      });
      await dropShadow(this.dataSource);
      outcome.seconds = (Date.now() - started) / 1000;
      return outcome;
    } finally {
      if (single) await this.dataSource.query(`SET search_path TO DEFAULT`).catch(() => undefined);
      else await shadowSource?.destroy().catch(() => undefined);
      if (lock) {
        await lock.query(`SELECT pg_advisory_unlock(${REPLAY_LOCK})`).catch(() => undefined);
        await lock.release();
      }
    }
  }

  /**
   * With live batches waiting: applies what was appended meanwhile, until the shadow is at least
   * as far as any lane the live read models applied (a Kafka projector may lead the feed).
   * Returns the events applied.
   */
  private async catchUpWithLiveLanes(projector: FeedProjector): Promise<number> {
    let late = 0;
    for (let round = 0; ; round++) {
      late += await projector.catchUp();
      const shadow = await this.shadowCheckpoint();
      const live = await this.liveLanesHead();
      if (!live || (shadow && compareFeedPositions(shadow, live) >= 0)) return late;
      if (round >= 50)
        throw new Error(
          `the live read models applied events up to ${formatCheckpoint(live)}, which the feed ` +
            `has not shown yet; try again when the relay and the feed agree`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Per table: do the shadow's rows equal the live ones? */
  private async compareWithLive(
    checksums: Record<string, { rows: number; md5: string }>,
  ): Promise<Record<string, boolean>> {
    const live = await readModelChecksums(this.dataSource, this.projections);
    return Object.fromEntries(
      Object.entries(checksums).map(([t, c]) => [
        t,
        live[t]?.md5 === c.md5 && live[t]?.rows === c.rows,
      ]),
    );
  }

  /**
   * The swap transaction, tried until it gets its locks: each try waits at most lockTimeoutMs
   * for readers in flight (and holds newer ones back no longer than that).
   */
  private async swap(
    record: (tx: Sql) => Promise<void>,
    report: (phase: ReplayPhase, done: number, total: number, detail?: string) => void,
  ): Promise<number> {
    const attempts = this.options.swapAttempts ?? 100;
    for (let attempt = 1; ; attempt++) {
      report('swap', 0, 1, attempt > 1 ? `attempt ${attempt}` : undefined);
      const runner: QueryRunner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        const tx: Sql = { query: (text, values) => runner.query(text, values) };
        await swapShadow(tx, this.names, this.tables, this.options.lockTimeoutMs ?? 500);
        await record(tx);
        await runner.commitTransaction();
        report('swap', 1, 1);
        return attempt;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        const code = (error as { code?: string }).code;
        // 55P03 lock_not_available; 40P01 deadlock_detected (a reader locking in another order).
        if ((code !== '55P03' && code !== '40P01') || attempt >= attempts) {
          if (code === '55P03' || code === '40P01')
            throw new Error(
              `could not swap the replayed read models in: readers held the tables on every one of ` +
                `${attempts} tries; the shadow is kept, run replay again to finish`,
            );
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * attempt)));
      } finally {
        await runner.release();
      }
    }
  }

  /** Every replayed projection has a checkpoint at the feed's head (when there are events). */
  private async check(checkpoint: FeedCheckpoint | null): Promise<void> {
    const rows: Array<{ projection: string }> = await this.dataSource.query(
      `SELECT projection FROM ${SHADOW_SCHEMA}.projection_checkpoints WHERE lane = $1`,
      [FEED_LANE],
    );
    const have = new Set(rows.map((r) => r.projection));
    const head = await this.store.headCheckpoint();
    if (head && (!checkpoint || this.names.some((n) => !have.has(n))))
      throw new Error(
        `the replay did not reach every projection (${this.names.filter((n) => !have.has(n)).join(', ')}); ` +
          `the shadow is kept, run replay again`,
      );
    // Events appended after the last catch-up are fine: live projectors apply them after the swap.
  }

  /** A DataSource over the same database whose connections see the shadow tables first. */
  private async openShadowSource(): Promise<DataSource> {
    const options = this.dataSource.options as { extra?: Record<string, unknown> };
    // The deferred GIN indexes build far faster in memory: at least 256 MB for the replay's own
    // connections (never less than the server gives).
    const [{ kb }] = await this.dataSource.query(
      `SELECT setting::bigint AS kb FROM pg_settings WHERE name = 'maintenance_work_mem'`,
    );
    const memory = Number(kb) < 256 * 1024 ? ' -c maintenance_work_mem=256MB' : '';
    const source = new DataSource({
      ...(this.dataSource.options as object),
      applicationName: 'statement-tracker replay',
      migrations: [],
      extra: {
        ...(options.extra ?? {}),
        max: 3,
        // A batch lost to a server crash goes with its checkpoint (one transaction), and the
        // rerun applies it again: no commit need wait for the disk.
        options: `-c search_path=${SHADOW_SCHEMA},public -c synchronous_commit=off${memory}`,
      },
    } as unknown as ConstructorParameters<typeof DataSource>[0]);
    await source.initialize();
    const [{ search_path }] = await source.query(`SHOW search_path`);
    if (!String(search_path).startsWith(SHADOW_SCHEMA)) {
      await source.destroy();
      throw new Error(`the database ignored the replay's search_path (${search_path})`);
    }
    return source;
  }

  /** The lowest feed checkpoint among the shadow's projections (null: none yet). */
  private async shadowCheckpoint(): Promise<FeedCheckpoint | null> {
    const rows: Array<{ tx: string; gp: string }> = await this.dataSource.query(
      `SELECT transaction_id::text AS tx, global_position AS gp
         FROM ${SHADOW_SCHEMA}.projection_checkpoints
        WHERE lane = $1 AND projection = ANY($2)
        ORDER BY transaction_id, global_position`,
      [FEED_LANE, this.names],
    );
    if (rows.length < this.names.length || rows.length === 0) return null;
    return { transactionId: rows[0].tx, globalPosition: Number(rows[0].gp) };
  }

  private async shadowProcessed(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(min(processed), 0)::bigint AS n FROM ${SHADOW_SCHEMA}.projection_checkpoints
        WHERE lane = $1 AND projection = ANY($2)`,
      [FEED_LANE, this.names],
    );
    return Number(row.n);
  }

  /** The furthest position any live lane of these projections applied (null: none). */
  private async liveLanesHead(): Promise<FeedCheckpoint | null> {
    const [row] = await this.dataSource.query(
      `SELECT transaction_id::text AS tx, global_position AS gp FROM public.projection_checkpoints
        WHERE projection = ANY($1) ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      [this.names],
    );
    return row ? { transactionId: row.tx, globalPosition: Number(row.gp) } : null;
  }

  private async deadLettersSince(since: Date): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM projection_dead_letters
        WHERE source = 'replay' AND projection = ANY($1) AND created_at >= $2`,
      [this.names, since],
    );
    return row.n;
  }
}

export interface ReplayStatus {
  /** A replay running now, or interrupted (a rerun resumes it). */
  unfinished: { projections: string[]; startedAt: string; processed: number } | null;
  last: { projections: string[]; swappedAt: string; events: number; seconds: number } | null;
}

/** The replay under way or left unfinished, and the last one swapped in. */
export async function replayStatus(dataSource: DataSource): Promise<ReplayStatus> {
  const shadow = await existingShadow(dataSource);
  let processed = 0;
  if (shadow) {
    const [row] = await dataSource.query(
      `SELECT coalesce(min(processed), 0)::bigint AS n FROM ${SHADOW_SCHEMA}.projection_checkpoints
        WHERE lane = $1`,
      [FEED_LANE],
    );
    processed = Number(row.n);
  }
  const [last] = await dataSource.query(
    `SELECT projections, swapped_at, events, seconds FROM projection_replays ORDER BY id DESC LIMIT 1`,
  );
  return {
    unfinished: shadow
      ? {
          projections: shadow.projections,
          startedAt: shadow.startedAt.toISOString(),
          processed,
        }
      : null,
    last: last
      ? {
          projections: last.projections,
          swappedAt: new Date(last.swapped_at).toISOString(),
          events: Number(last.events),
          seconds: Number(last.seconds),
        }
      : null,
  };
}
