import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { PostgresEventStore } from './postgres-event-store';
import { event, uniqueStream } from './testing/store-contract';
import type { FeedCheckpoint } from './types';

describe('feed under out-of-order commits', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    database = await createTestDatabase(24);
    store = new PostgresEventStore(database.dataSource);
  });
  afterAll(() => database.drop());

  async function holdOpen(
    streamId: string,
    eventId: string,
  ): Promise<{ commit: () => Promise<void> }> {
    const runner = database.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await store.append(streamId, 'any', [{ eventId, type: 'Late', data: {} }], {
      manager: runner.manager,
    });
    return {
      commit: async () => {
        await runner.commitTransaction();
        await runner.release();
      },
    };
  }

  it('does not pass an event whose transaction commits after later ones (a global-position reader would)', async () => {
    const start = await store.headCheckpoint();
    const [{ max }] = await database.dataSource.query(
      `SELECT coalesce(max(global_position), 0)::bigint AS max FROM events`,
    );
    const lateId = randomUUID();
    const late = await holdOpen(uniqueStream(), lateId); // takes the lower global position, commits last
    const early = await store.append(uniqueStream(), 'no-stream', [event('Early')]);

    // The naive reader: "global_position > last seen", the bug Marten/Eventuous/Emmett shipped.
    const naive = async (after: number) =>
      (await database.dataSource.query(
        `SELECT event_id, global_position FROM events WHERE global_position > $1 ORDER BY global_position`,
        [after],
      )) as Array<{ event_id: string; global_position: string }>;
    const naiveFirst = await naive(Number(max));
    const ours = await store.readFeed(start);

    expect(naiveFirst.map((r) => r.event_id)).toEqual([early.events[0].eventId]);
    expect(ours.events).toEqual([]); // the open transaction holds the feed back
    await late.commit();

    const naiveAfter = await naive(Number(naiveFirst[naiveFirst.length - 1].global_position));
    expect(naiveAfter.map((r) => r.event_id)).not.toContain(lateId); // lost forever to the naive reader
    const oursAfter = await store.readFeed(ours.checkpoint);
    expect(oursAfter.events.map((e) => e.eventId)).toEqual([lateId, early.events[0].eventId]);
  });

  it('delivers every event exactly once to a polling reader while writers commit out of order', async () => {
    const start = await store.headCheckpoint();
    const written = new Set<string>();
    let writing = true;

    const writers = Array.from({ length: 12 }, async (_, writer) => {
      for (let i = 0; i < 25; i++) {
        const eventId = randomUUID();
        if ((writer + i) % 5 === 0) {
          const tx = await holdOpen(uniqueStream('source'), eventId);
          await new Promise((resolve) => setTimeout(resolve, 5 + ((writer * 7 + i) % 20)));
          await tx.commit();
        } else {
          await store.append(uniqueStream('source'), 'no-stream', [
            { eventId, type: 'Quick', data: { writer, i } },
          ]);
        }
        written.add(eventId);
      }
    });

    const received: string[] = [];
    const reader = (async () => {
      let checkpoint: FeedCheckpoint | null = start;
      for (;;) {
        const finished = !writing;
        const page = await store.readFeed(checkpoint, 50);
        received.push(...page.events.map((e) => e.eventId));
        checkpoint = page.checkpoint;
        if (finished && page.caughtUp) return;
        if (page.caughtUp) await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    await Promise.all(writers);
    writing = false;
    await reader;

    const extra = received.filter((id) => !written.has(id));
    const dup = received.filter((id, i) => received.indexOf(id) !== i);
    if (extra.length || dup.length)
      console.log(
        JSON.stringify({
          extra,
          dup,
          start,
          missing: [...written].filter((id) => !received.includes(id)).length,
        }),
      );
    expect(received.length).toBe(written.size);
    expect(new Set(received).size).toBe(received.length);
    expect(new Set(received)).toEqual(written);
  });
});
