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

  it('orders by transaction id as a number, not as text, in pages and at the head', async () => {
    // Rows planted with chosen transaction ids 99 and 100 ("100" < "99" as text).
    const isolated = await createTestDatabase(2);
    try {
      const planted = new PostgresEventStore(isolated.dataSource);
      await isolated.dataSource.query(
        `INSERT INTO events (global_position, transaction_id, stream_id, stream_position, event_id, type, schema_version, data, metadata, hash)
         VALUES (1, '100'::xid8, 'source-b', 1, gen_random_uuid(), 'Second', 1, '{}', '{}', '\\x00'),
                (2, '99'::xid8, 'source-a', 1, gen_random_uuid(), 'First', 1, '{}', '{}', '\\x00'),
                (3, '100'::xid8, 'source-b', 2, gen_random_uuid(), 'Third', 1, '{}', '{}', '\\x00')`,
      );
      const first = await planted.readFeed(null, 2);
      expect(first.events.map((e) => e.type)).toEqual(['First', 'Second']);
      const second = await planted.readFeed(first.checkpoint, 2);
      expect(second.events.map((e) => e.type)).toEqual(['Third']);
      expect(await planted.headCheckpoint()).toEqual({ transactionId: '100', globalPosition: 3 });
      const plan = JSON.stringify(
        await isolated.dataSource.query(
          `EXPLAIN (FORMAT JSON) SELECT * FROM events
            WHERE (events.transaction_id, events.global_position) > ('0'::xid8, 0::bigint)
              AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.transaction_id, events.global_position LIMIT 1000`,
        ),
      );
      expect(plan).toContain('events_feed_idx');
    } finally {
      await isolated.drop();
    }
  });

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

    // On failure, show which events went wrong and where they sit in the feed.
    const extra = received.filter((id) => !written.has(id));
    const duplicates = received.filter((id, index) => received.indexOf(id) !== index);
    const missing = [...written].filter((id) => !received.includes(id));
    const locate = (ids: string[]) =>
      ids.length === 0
        ? []
        : database.dataSource.query(
            `SELECT event_id, type, transaction_id::text, global_position FROM events WHERE event_id = ANY($1::uuid[])`,
            [ids],
          );
    expect({
      start,
      extra: await locate(extra),
      duplicates: await locate(duplicates),
      missing: await locate(missing),
    }).toEqual({ start, extra: [], duplicates: [], missing: [] });
    expect(received).toHaveLength(written.size);
  });
});
