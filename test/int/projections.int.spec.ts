/**
 * Read models from the store feed on real Postgres: the seed story's positions, accusations and
 * alerts; the same tables whatever order streams interleave in and however often events are
 * redelivered; knownAt before and after a correction; a poison event set aside.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CommandRunner, seedSampleData, Transactional } from '@app/application';
import { statementDecider, statementStreamId } from '@app/domain';
import { PostgresEventStore, RecordedEvent } from '@app/event-store';
import { createTestDatabase, TestDatabase } from '../support/database';
import { generateHistory } from '../support/history';
import {
  AccusationQueries,
  AlertQueries,
  ALL_PROJECTIONS,
  Batch,
  BatchOutcome,
  FeedProjector,
  fromRecorded,
  PositionQueries,
  ProjectionEngine,
  ProjectionEvent,
  readModelChecksums,
  RelationQueries,
  resetProjections,
  TimelineQueries,
  withRebuildLock,
} from '@app/projections';

/** The read side's queries, one class per read model. */
const readSide = (dataSource: DataSource) => ({
  timeline: new TimelineQueries(dataSource),
  positions: new PositionQueries(dataSource),
  relations: new RelationQueries(dataSource),
  accusations: new AccusationQueries(dataSource),
  alerts: new AlertQueries(dataSource),
});

describe('read models (store feed, real Postgres)', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let queries: ReturnType<typeof readSide>;
  let transaction: Transactional;

  const catchUp = () =>
    new FeedProjector(
      store,
      new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'feed' }),
      database.dataSource,
    ).catchUp();

  async function allEvents(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (
      let page = await store.readFeed(null, 1000);
      page.events.length > 0;
      page = await store.readFeed(page.checkpoint, 1000)
    )
      events.push(...page.events);
    return events;
  }

  async function statementIdOf(key: string, value: string): Promise<string> {
    const [row] = await database.dataSource.query(
      `SELECT data->>'statementId' AS id FROM events WHERE type = 'StatementRecorded' AND data->>${`'${key}'`} = $1 LIMIT 1`,
      [value],
    );
    return row.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase(4);
    store = new PostgresEventStore(database.dataSource);
    queries = readSide(database.dataSource);
    transaction = (work) => database.dataSource.transaction(work);
    await seedSampleData(store, transaction, { userId: 'seed' });
    await statementLifecycle(new CommandRunner(store, transaction));
    expect(await catchUp()).toBeGreaterThan(50);
  });
  afterAll(() => database.drop());

  it('answers the seed story: positions, accusation status after the denial, suspicious attributions', async () => {
    const eu = await queries.positions.positionsOfActor('european-union', 'principal', {});
    expect(eu.positions).toEqual([
      expect.objectContaining({
        propositionId: 'china-enables-russia-war',
        currentStance: 'opposes',
        since: '2024-07-11',
        counts: { supports: 2, opposes: 1 },
        shifts: [
          expect.objectContaining({ saidOn: '2024-07-11', from: 'supports', to: 'opposes' }),
        ],
      }),
    ]);
    const onProposition = await queries.positions.positionsOnProposition(
      'china-enables-russia-war',
      {},
    );
    expect(
      Object.fromEntries(onProposition.positions.map((p) => [p.actorId, p.currentStance])),
    ).toEqual({
      // China's own statement has no said date: it counts from the day its source reported it.
      china: 'opposes',
      'european-union': 'opposes',
      nato: 'supports',
      russia: 'opposes',
      'united-states': 'supports',
    });
    const china = onProposition.positions.find((p) => p.actorId === 'china')!;
    // Both of China's denials, undated, reported on 2024-07-11.
    expect(china.evidence.map((e) => [e.saidOn, e.dateBasis, e.stance])).toEqual([
      ['2024-07-11', 'reported', 'opposes'],
      ['2024-07-11', 'reported', 'opposes'],
    ]);

    const graph = await queries.accusations.accusationGraph({ limit: 50 }, {});
    const edge = (from: string, to: string) =>
      graph.edges.find((e) => e.accuserId === from && e.accusedId === to);
    expect(edge('nato', 'china')).toMatchObject({
      accusations: 1,
      byStatus: { denied: 1 },
      firstSaidOn: '2024-07-10',
    });
    expect(edge('united-states', 'china')).toMatchObject({ byStatus: { open: 1 } });
    // The Russian ministry's accusation (the sample's misattribution) opened one too.
    expect(edge('russia', 'china')).toMatchObject({ byStatus: { open: 1 } });
    expect(graph.nodes.map((n) => n.actorId)).toEqual(['china', 'nato', 'russia', 'united-states']);

    const { alerts } = await queries.alerts.alerts({}, {});
    expect(alerts.map((a) => [a.type, a.reason, a.actorId])).toEqual(
      expect.arrayContaining([
        ['out-of-character', 'contradicts-established-position', 'european-union'],
        ['out-of-character', 'attacks-ally', 'russia'],
      ]),
    );
    expect(alerts).toHaveLength(2);
    const ally = alerts.find((a) => a.reason === 'attacks-ally')!;
    expect(ally.details).toMatchObject({ targetId: 'china', earlierStatements: 2 });
    expect(ally.evidence).toHaveLength(3);
    expect(ally.evidence[2]).toBe(await statementIdOf('speakerId', 'russian-foreign-ministry'));

    const timeline = await queries.timeline.timeline('china', { limit: 50, q: 'weapons' });
    expect(timeline.items.map((i) => i.summary)).toEqual([
      'China says it sends no weapons to either side and that its position is balanced.',
    ]);
    const relations = await queries.relations.relations('russia', 'outgoing', 'month', {}, {});
    const towardChina = relations.counterparts.find((c) => c.actorId === 'china')!;
    expect(towardChina).toMatchObject({ statements: 3, name: 'China' });
    expect(towardChina.meanGoldstein).toBeCloseTo((3.4 + 3.4 - 2) / 3, 2);
    // The maintained buckets equal a recomputation from the statement versions.
    const recomputed = await queries.relations.relations(
      'russia',
      'outgoing',
      'month',
      {},
      { asOf: '2100-01-01' },
    );
    expect(recomputed).toEqual(relations);
  });

  it('builds the same tables from any interleaving of partitions, and from redelivered events', async () => {
    const inOrder = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
    const events = (await allEvents()).map(fromRecorded);
    for (const seed of [1, 2, 3]) {
      await resetProjections(database.dataSource, ALL_PROJECTIONS);
      const engine = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'test' });
      const batches = partitionBatches(events, 6, seed);
      const order = batches.flatMap((b) => b.events.map((e) => e.eventId));
      expect(order).not.toEqual(events.map((e) => e.eventId));
      let duplicates = 0;
      for (const [i, batch] of batches.entries()) {
        expect((await engine.process(batch)).duplicates).toBe(0);
        // Every other batch is delivered twice (at-least-once): nothing changes.
        if (i % 2 === 0) {
          const again = await engine.process(batch);
          expect(again).toMatchObject({ applied: 0, duplicates: batch.events.length });
          duplicates += again.duplicates;
        }
      }
      expect(duplicates).toBeGreaterThan(0);
      expect(await readModelChecksums(database.dataSource, ALL_PROJECTIONS)).toEqual(inOrder);
    }
  });

  it('drops events a relay published again after a restart, within a batch and across batches', async () => {
    const inOrder = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
    const events = (await allEvents()).map(fromRecorded);
    await resetProjections(database.dataSource, ALL_PROJECTIONS);
    const engine = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'test' });
    // One partition; the relay restarts twice from an older checkpoint and publishes a run of
    // events again: once inside one consumer batch, once across two.
    const third = Math.floor(events.length / 3);
    const lane = [
      ...events.slice(0, 2 * third),
      ...events.slice(third - 5, events.length),
      ...events.slice(events.length - 7),
    ];
    let duplicates = 0;
    for (let i = 0; i < lane.length; i += 2 * third + 3)
      duplicates += (
        await engine.process({ lane: 'topic:0', events: lane.slice(i, i + 2 * third + 3) })
      ).duplicates;
    expect(duplicates).toBe(lane.length - events.length);
    expect(await readModelChecksums(database.dataSource, ALL_PROJECTIONS)).toEqual(inOrder);
  });

  it('lets a Kafka lane go on after a rebuild from the feed, and keeps the feed from going on after Kafka', async () => {
    const inOrder = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
    const events = (await allEvents()).map(fromRecorded);
    await resetProjections(database.dataSource, ALL_PROJECTIONS);
    // The feed applies the first half (a rebuild); the partitions then deliver everything.
    const half = Math.floor(events.length / 2);
    const engine = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'test' });
    await engine.process({ lane: 'feed', events: events.slice(0, half) });
    let duplicates = 0;
    for (const batch of partitionBatches(events, 3, 4))
      duplicates += (await engine.process(batch)).duplicates;
    expect(duplicates).toBe(half);
    expect(await readModelChecksums(database.dataSource, ALL_PROJECTIONS)).toEqual(inOrder);
    // Kafka is now ahead of the feed: a feed projector refuses to go on from its checkpoint.
    await expect(catchUp()).rejects.toThrow(/projected from Kafka .* rebuild/);
    // A rebuild forgets the partitions' positions, and the feed goes on again.
    await resetProjections(database.dataSource, ALL_PROJECTIONS);
    await catchUp();
    expect(await readModelChecksums(database.dataSource, ALL_PROJECTIONS)).toEqual(inOrder);
  });

  it('holds live batches back during a rebuild; afterwards they drop what the rebuild applied', async () => {
    const inOrder = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
    const events = (await allEvents()).map(fromRecorded);
    const live = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'kafka' });
    let liveDone = false;
    let liveBatch: Promise<BatchOutcome> | undefined;
    await withRebuildLock(database.dataSource, ALL_PROJECTIONS, async () => {
      await resetProjections(database.dataSource, ALL_PROJECTIONS);
      // A partition delivers everything while the rebuild holds the lock: it must wait.
      liveBatch = live.process({ lane: 'topic:0', events });
      void liveBatch.then(() => (liveDone = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(liveDone).toBe(false);
      const rebuilder = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, {
        source: 'rebuild',
        holdsRebuildLock: true,
      });
      await new FeedProjector(store, rebuilder, database.dataSource).catchUp();
    });
    expect(await liveBatch!).toMatchObject({ applied: 0, duplicates: events.length });
    expect(await readModelChecksums(database.dataSource, ALL_PROJECTIONS)).toEqual(inOrder);
  });

  it('shows the uncorrected record known at a time before a correction, the corrected one after', async () => {
    const statementId = await statementIdOf('speakerId', 'eu-delegation-china');
    await catchUp();
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    const runner = new CommandRunner(store, transaction);
    await runner.run({
      streamId: statementStreamId(statementId),
      decider: statementDecider,
      command: {
        type: 'CorrectStatement',
        changes: { speakerId: 'chinese-foreign-ministry', principalId: 'china' },
        reason: 'The rebuke came from China’s foreign ministry, not the EU delegation.',
        correctedBy: 'analyst-1',
      },
      metadata: { userId: 'analyst-1' },
    });
    await catchUp();

    const then = await queries.timeline.timeline('european-union', { limit: 50, knownAt: before });
    expect(then.items.find((i) => i.statementId === statementId)).toMatchObject({
      speakerId: 'eu-delegation-china',
      principalId: 'european-union',
      corrections: 0,
      version: 1,
    });
    const now = await queries.timeline.timeline('china', { limit: 50 });
    expect(now.items.find((i) => i.statementId === statementId)).toMatchObject({
      speakerId: 'chinese-foreign-ministry',
      principalId: 'china',
      corrections: 1,
      version: 2,
    });
    expect(
      (await queries.timeline.timeline('european-union', { limit: 50 })).items.map(
        (i) => i.statementId,
      ),
    ).not.toContain(statementId);

    // The alert it raised is gone now, and still there as known before the correction.
    const reasonsNow = (await queries.alerts.alerts({}, {})).alerts.map((a) => a.reason);
    expect(reasonsNow).not.toContain('contradicts-established-position');
    const reasonsThen = (await queries.alerts.alerts({}, { knownAt: before })).alerts.map(
      (a) => a.reason,
    );
    expect(reasonsThen).toContain('contradicts-established-position');
    expect(
      (await queries.positions.positionsOfActor('european-union', 'principal', {})).positions[0],
    ).toMatchObject({
      currentStance: 'supports',
      shifts: [],
    });
    // As of a date before the article, the EU had not said it yet either way.
    const asOf = await queries.positions.positionsOfActor('european-union', 'principal', {
      asOf: '2024-06-30',
      knownAt: before,
    });
    expect(asOf.positions[0]).toMatchObject({
      currentStance: 'supports',
      counts: { supports: 2, opposes: 0 },
    });
  });

  it('sets a poison event aside as a dead letter and goes on with the next ones', async () => {
    const poisonId = randomUUID();
    await store.append(statementStreamId(poisonId), 'no-stream', [
      {
        eventId: randomUUID(),
        type: 'StatementRecorded',
        data: {
          statementId: poisonId,
          speakerId: 'nato',
          kind: 'statement',
          cameo: '010',
          goldstein: 0,
          saidAt: { date: 'someday-soon', precision: 'day' },
        },
      },
    ]);
    const goodId = randomUUID();
    const runner = new CommandRunner(store, transaction);
    await runner.run({
      streamId: statementStreamId(goodId),
      decider: statementDecider,
      command: {
        type: 'RecordStatement',
        statementId: goodId,
        speakerId: 'nato',
        kind: 'statement',
        targetIds: ['russia'],
        summary: 'The alliance says its summit ended with a joint declaration.',
        saidAt: { date: '2024-07-12', precision: 'day' },
        source: { sourceId: randomUUID() },
      },
      metadata: { userId: 'analyst-1' },
    });
    await catchUp();
    const letters = await database.dataSource.query(
      `SELECT projection, stream_id, event_type, error FROM projection_dead_letters ORDER BY projection`,
    );
    expect(letters.map((l: { projection: string }) => l.projection)).toEqual([
      'relations',
      'statements',
    ]);
    expect(letters[0]).toMatchObject({
      stream_id: statementStreamId(poisonId),
      event_type: 'StatementRecorded',
    });
    expect(letters[0].error).toMatch(/date/i);
    const nato = await queries.timeline.timeline('nato', { limit: 100 });
    expect(nato.items.map((i) => i.statementId)).toContain(goodId);
    expect(nato.items.map((i) => i.statementId)).not.toContain(poisonId);
  });
});

/** Every kind of statement change, on statements outside the seed story's alerts. */
async function statementLifecycle(runner: CommandRunner): Promise<void> {
  const run = (statementId: string, command: Record<string, unknown>) =>
    runner.run({
      streamId: statementStreamId(statementId),
      decider: statementDecider,
      command: command as never,
      metadata: { userId: 'analyst-1' },
    });
  const [first, second] = [randomUUID(), randomUUID()];
  for (const id of [first, second])
    await run(id, {
      type: 'RecordStatement',
      statementId: id,
      speakerId: 'g7',
      kind: 'criticism',
      targetIds: ['hungary'],
      summary: 'The group criticises Budapest for blocking the aid package.',
      saidAt: { date: '2024-06', precision: 'month' },
      source: { sourceId: randomUUID() },
    });
  await run(first, {
    type: 'CorrectStatement',
    changes: { kind: 'appeal', saidAt: { date: '2024-06-14', precision: 'day' } },
    reason: 'It was an appeal, on the 14th.',
    correctedBy: 'analyst-1',
  });
  await run(first, { type: 'AddStatementMention', source: { sourceId: randomUUID() } });
  await run(first, {
    type: 'TakeStance',
    propositionId: 'nato-threatens-russia',
    stance: 'opposes',
  });
  await run(first, { type: 'RetractStatement', retractedOn: '2024-06-20', sourceId: randomUUID() });
  await run(second, { type: 'WithdrawStatement', reason: 'duplicate', duplicateOf: first });
}

/** Deterministic pseudo-random in [0, 1). */
function random(seed: number): number {
  const x = Math.sin(seed * 9301 + 49297) * 233280;
  return x - Math.floor(x);
}

/**
 * What Kafka does to the feed: each stream goes to one of `partitions` lanes (by a hash of its
 * id), each lane keeps feed order, and consumer batches of random sizes from random lanes
 * interleave freely.
 */
function partitionBatches(events: ProjectionEvent[], partitions: number, seed: number): Batch[] {
  const lanes = new Map<number, ProjectionEvent[]>();
  for (const event of events) {
    const lane = createHash('md5').update(event.streamId).digest().readUInt32BE(0) % partitions;
    lanes.set(lane, [...(lanes.get(lane) ?? []), event]);
  }
  const batches: Batch[] = [];
  let step = 0;
  while (lanes.size > 0) {
    const keys = [...lanes.keys()];
    const lane = keys[Math.floor(random(seed * 1000 + step++) * keys.length)];
    const queue = lanes.get(lane)!;
    const size = 1 + Math.floor(random(seed * 7919 + step) * 17);
    batches.push({ lane: `topic:${lane}`, events: queue.splice(0, size) });
    if (queue.length === 0) lanes.delete(lane);
  }
  return batches;
}

describe('positions from the maintained stance chains (generated history, real Postgres)', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let queries: ReturnType<typeof readSide>;
  const engine = () =>
    new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'test' });

  beforeAll(async () => {
    database = await createTestDatabase(4);
    store = new PostgresEventStore(database.dataSource);
    queries = readSide(database.dataSource);
    const runner = new CommandRunner(store, (work) => database.dataSource.transaction(work));
    await generateHistory(runner, { statements: 300, seed: 5, prefix: 'c' });
    // And a history in said order, where batches mostly append to the chains.
    await generateHistory(runner, { statements: 300, seed: 6, prefix: 'd', chronological: true });
    await new FeedProjector(store, engine(), database.dataSource).catchUp();
  });
  afterAll(() => database.drop());

  it('links every chain row to its predecessor, as a walk over all stances would', async () => {
    for (const kind of ['actor', 'speaker']) {
      const [{ rows, wrong }] = await database.dataSource.query(
        `SELECT count(*)::int AS rows,
                count(*) FILTER (WHERE ${kind}_previous IS DISTINCT FROM walked)::int AS wrong
           FROM (SELECT x.*, lag(x.stance) OVER (PARTITION BY x.${kind}_id, x.proposition_id
                                                 ORDER BY x.dated_on, x.statement_id) AS walked
                   FROM rm_stances x
                  WHERE x.known_to IS NULL AND x.status = 'recorded' AND x.dated_on IS NOT NULL) c`,
      );
      expect(rows).toBeGreaterThan(100);
      expect(wrong).toBe(0);
    }
  });

  it('answers positions from the chains exactly as from the full walk', async () => {
    const actors: string[] = (
      await database.dataSource.query(`SELECT DISTINCT actor_id FROM rm_stances`)
    ).map((r: { actor_id: string }) => r.actor_id);
    let shifts = 0;
    for (const actorId of actors)
      for (const role of ['principal', 'speaker'] as const) {
        const fast = await queries.positions.positionsOfActor(actorId, role, {});
        // A far-off asOf takes the walking path and means the same here.
        const walked = await queries.positions.positionsOfActor(actorId, role, {
          asOf: '2999-01-01',
        });
        expect(fast).toEqual(walked);
        shifts += fast.positions.reduce((n, p) => n + p.shiftCount, 0);
      }
    expect(shifts).toBeGreaterThan(10);
    for (const propositionId of ['c-tariffs-are-fair', 'c-treaty-is-binding', 'c-border-is-secure'])
      expect(await queries.positions.positionsOnProposition(propositionId, {})).toEqual(
        await queries.positions.positionsOnProposition(propositionId, { asOf: '2999-01-01' }),
      );
  });

  it('keeps the same chains whatever order the streams arrive in', async () => {
    const before = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
    const events: ProjectionEvent[] = [];
    for (
      let page = await store.readFeed(null, 1000);
      page.events.length > 0;
      page = await store.readFeed(page.checkpoint, 1000)
    )
      events.push(...page.events.map(fromRecorded));
    await resetProjections(database.dataSource, ALL_PROJECTIONS);
    for (const batch of partitionBatches(events, 8, 9)) await engine().process(batch);
    expect(await readModelChecksums(database.dataSource, ALL_PROJECTIONS)).toEqual(before);
  });
});
