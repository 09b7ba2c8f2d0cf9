/**
 * Replay without downtime on real Postgres: a history with corrections, retractions and
 * withdrawals is replayed into shadow tables and swapped in while readers query the live read
 * models all along (never an error, never an empty or partial answer), a live projector runs and
 * commands keep arriving. The result equals a clean rebuild; a dry run changes nothing; two
 * replays at once are refused.
 */
import { CommandRunner, seedSampleData, Transactional } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  FeedProjector,
  ProjectionEngine,
  readModelChecksums,
  Replay,
  ReplayBusy,
  resetProjections,
  TimelineQueries,
} from '@app/projections';
import { createTestDatabase, TestDatabase } from '../support/database';
import { generateHistory } from '../support/history';

describe('replay without downtime (real Postgres)', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let runner: CommandRunner;

  const catchUp = () =>
    new FeedProjector(
      store,
      new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'feed' }),
      database.dataSource,
    ).catchUp();
  const checksums = () => readModelChecksums(database.dataSource, ALL_PROJECTIONS);
  const currentStatements = async () =>
    Number(
      (
        await database.dataSource.query(
          `SELECT count(*) AS n FROM rm_statements WHERE known_to IS NULL`,
        )
      )[0].n,
    );

  /**
   * Reads the live read models until stopped, as a dashboard would: the statement count never
   * falls below what it was, an actor's timeline is never empty; every error is kept.
   */
  function queryLoop(floor: number) {
    const timeline = new TimelineQueries(database.dataSource);
    const seen = { rounds: 0, errors: [] as string[], short: [] as string[] };
    let stopped = false;
    const loop = (async () => {
      while (!stopped) {
        try {
          const [count, page] = await Promise.all([
            currentStatements(),
            timeline.timeline('h-north', { limit: 20 } as never),
          ]);
          if (count < floor) seen.short.push(`${count} statements < ${floor}`);
          if (page.items.length === 0) seen.short.push('empty timeline');
          seen.rounds += 1;
        } catch (error) {
          seen.errors.push((error as Error).message);
        }
      }
    })();
    return {
      seen,
      stop: async () => {
        stopped = true;
        await loop;
      },
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase(12);
    store = new PostgresEventStore(database.dataSource);
    const transaction: Transactional = (work) => database.dataSource.transaction(work);
    runner = new CommandRunner(store, transaction);
    await seedSampleData(store, transaction, { userId: 'seed' });
    await generateHistory(runner, { statements: 250, seed: 11 });
    await catchUp();
  });
  afterAll(() => database.drop());

  it('plans without changing anything', async () => {
    const before = await checksums();
    const plan = await new Replay(database.dataSource, store, ALL_PROJECTIONS).plan();
    expect(plan.events).toBe(await store.eventsAfter(null));
    expect(plan.remaining).toBe(plan.events);
    expect(plan.resumes).toBeNull();
    expect(plan.estimatedSeconds).toBeGreaterThan(0);
    expect(await checksums()).toEqual(before);
    const [shadow] = await database.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'st_replay'`,
    );
    expect(shadow.n).toBe(0);
  });

  it('replays into shadow tables and swaps them in while readers never see a gap', async () => {
    const live = await checksums();
    const floor = await currentStatements();
    expect(floor).toBeGreaterThan(200);
    const readers = [queryLoop(floor), queryLoop(floor)];
    const phases: string[] = [];
    const result = await new Replay(database.dataSource, store, ALL_PROJECTIONS, {
      batchSize: 20, // many small batches: the readers run throughout
      onProgress: ({ phase }) => {
        if (phases[phases.length - 1] !== phase) phases.push(phase);
      },
    }).run();
    // Readers go on after the swap: they must see the new tables at once.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const reader of readers) await reader.stop();

    expect(phases).toEqual(['replay', 'index', 'check', 'swap']);
    expect(result.events).toBe(await store.eventsAfter(null));
    expect(result.resumed).toBe(false);
    expect(Object.values(result.sameAsLive).every(Boolean)).toBe(true);
    expect(result.checksums).toEqual(live);
    expect(await checksums()).toEqual(live);
    for (const { seen } of readers) {
      expect(seen.errors).toEqual([]);
      expect(seen.short).toEqual([]);
      expect(seen.rounds).toBeGreaterThan(20);
    }
    // The swapped-in tables are the migrations' own: same index and constraint names.
    const [indexes] = await database.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public'
          AND indexname IN ('rm_statements_search_idx', 'rm_statements_pkey', 'rm_alerts_current_idx')`,
    );
    expect(indexes.n).toBe(3);
    const [replays] = await database.dataSource.query(
      `SELECT count(*)::int AS n, max(events)::int AS events FROM projection_replays`,
    );
    expect(replays).toEqual({ n: 1, events: result.events });
    const [shadow] = await database.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'st_replay'`,
    );
    expect(shadow.n).toBe(0);
  });

  it('goes on with live projectors and new commands, and equals a clean rebuild', async () => {
    const live = new FeedProjector(
      store,
      new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'feed' }),
      database.dataSource,
      { batchSize: 50 },
    );
    await live.start();
    const floor = await currentStatements();
    const reader = queryLoop(floor);
    const writing = generateHistory(runner, { statements: 120, seed: 5, prefix: 'late' });
    const result = await new Replay(database.dataSource, store, ALL_PROJECTIONS, {
      batchSize: 25,
    }).run();
    await writing;
    // The live projector goes on from the replayed checkpoints to the head.
    const deadline = Date.now() + 60_000;
    while ((await live.lag()) > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await live.lag()).toBe(0);
    await live.stop();
    await reader.stop();
    expect(reader.seen.errors).toEqual([]);
    expect(reader.seen.short).toEqual([]);
    expect(result.events).toBeGreaterThan(0);

    const afterReplay = await checksums();
    await resetProjections(database.dataSource, ALL_PROJECTIONS);
    await catchUp();
    expect(afterReplay).toEqual(await checksums());
  });

  it('runs one replay at a time', async () => {
    const first = new Replay(database.dataSource, store, ALL_PROJECTIONS, { batchSize: 10 });
    const second = new Replay(database.dataSource, store, ALL_PROJECTIONS);
    const running = first.run();
    // The first takes its lock before anything else; give it the moment to.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(second.run()).rejects.toBeInstanceOf(ReplayBusy);
    await expect(running).resolves.toMatchObject({ resumed: false });
  });
});
