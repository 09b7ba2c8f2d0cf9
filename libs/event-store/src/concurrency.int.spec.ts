import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { ConcurrencyError } from './errors';
import { PostgresEventStore } from './postgres-event-store';
import { event, uniqueStream } from './testing/store-contract';

describe('16 concurrent writers on overlapping streams', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase(16);
    store = new PostgresEventStore(database.dataSource);
  });
  afterAll(() => database.drop());

  it('loses nothing, duplicates nothing, keeps versions gap-free and reports every conflict as ConcurrencyError', async () => {
    const streams = Array.from({ length: 4 }, () => uniqueStream('accusation'));
    const acknowledged = new Map<string, string>(); // event id -> stream id
    const otherErrors: unknown[] = [];
    let conflicts = 0;

    const writer = async (writerIndex: number) => {
      for (let attempt = 0; attempt < 40; attempt++) {
        const streamId = streams[(writerIndex + attempt) % streams.length];
        const version = (await store.streamInfo(streamId))?.version ?? 0;
        // Both events of a batch must land together or not at all.
        const batch = [
          event('Written', { writerIndex, attempt }),
          event('Written', { writerIndex, attempt, second: true }),
        ];
        try {
          await store.append(streamId, version === 0 ? 'no-stream' : version, batch);
          for (const e of batch) acknowledged.set(e.eventId, streamId);
        } catch (error) {
          if (error instanceof ConcurrencyError) conflicts++;
          else otherErrors.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => writer(i)));

    expect(otherErrors).toEqual([]);
    expect(conflicts).toBeGreaterThan(0); // the test really raced
    let stored = 0;
    for (const streamId of streams) {
      const events = await store.readStream(streamId);
      stored += events.length;
      expect(events.map((e) => e.streamPosition)).toEqual(events.map((_, i) => i + 1));
      for (const e of events) expect(acknowledged.get(e.eventId)).toBe(streamId);
      expect((await store.streamInfo(streamId))?.version).toBe(events.length);
    }
    expect(stored).toBe(acknowledged.size);
    const [{ count }] = await database.dataSource.query(
      `SELECT count(DISTINCT event_id)::int AS count FROM events`,
    );
    expect(count).toBe(acknowledged.size);
  });

  it('lets racing creators of one new stream through exactly once', async () => {
    const streamId = uniqueStream('actor');
    const results = await Promise.allSettled(
      Array.from({ length: 16 }, () =>
        store.append(streamId, 'no-stream', [event('ActorRegistered')]),
      ),
    );
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected.every((r) => r.reason instanceof ConcurrencyError)).toBe(true);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });
});
