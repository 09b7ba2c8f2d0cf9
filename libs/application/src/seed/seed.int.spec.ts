import { accusationDecider, foldEvents, statusOf } from '@app/domain';
import type { Transactional } from '../command-runner';
import { EventStoreIntegrity, PostgresEventStore } from '@app/event-store';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { seedSampleData } from './seed';
import { SAMPLE_ACTORS } from './sample-actors';

describe('sample data', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase(2);
    store = new PostgresEventStore(database.dataSource);
  });
  afterAll(() => database.drop());

  it('loads ~30 actors, the story’s statements and accusations, once, through the deciders', async () => {
    const transaction: Transactional = (work) => database.dataSource.transaction(work);
    const first = await seedSampleData(store, transaction, { userId: 'seed' });
    expect(first).toEqual({
      seeded: true,
      actors: SAMPLE_ACTORS.length,
      sources: 2,
      propositions: 2,
      statements: 15,
      // Every accusation statement with targets opens one, as the API records them.
      accusations: 3,
    });
    expect(SAMPLE_ACTORS.length).toBeGreaterThanOrEqual(30);

    const [{ n }] = await database.dataSource.query(
      `SELECT count(*)::int AS n FROM streams WHERE category = 'statement'`,
    );
    expect(n).toBe(15);
    const peskov = await store.readStream('actor-dmitry-peskov');
    expect(peskov.map((e) => e.type)).toEqual(['ActorRegistered', 'ActorAffiliationAdded']);

    const [{ stream_id }] = await database.dataSource.query(
      `SELECT stream_id FROM events WHERE type = 'AccusationMade' AND data->>'accuserId' = 'nato'`,
    );
    const accusation = foldEvents(accusationDecider, (await store.readStream(stream_id)) as never);
    expect(statusOf(accusation)).toBe('denied');

    // The suspicious attributions stay as the source gave them.
    const [rebuke] = await database.dataSource.query(
      `SELECT data FROM events WHERE type = 'StatementRecorded' AND data->>'speakerId' = 'eu-delegation-china'`,
    );
    expect(rebuke.data).toMatchObject({ principalId: 'european-union', targetIds: ['nato'] });

    expect(await seedSampleData(store, transaction, { userId: 'seed' })).toMatchObject({
      seeded: false,
    });
    expect((await new EventStoreIntegrity(database.dataSource).verify()).ok).toBe(true);
  });
});
