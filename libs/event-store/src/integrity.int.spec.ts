import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EventStoreIntegrity } from './integrity';
import { HashFeedOrder1765100000000 } from './migrations/1765100000000-hash-feed-order';
import { PostgresEventStore } from './postgres-event-store';
import { event, uniqueStream } from './testing/store-contract';
import type { AppendResult } from './types';

// Each case tampers with its own fresh database, the way someone with SQL access could.
describe('verify() detects tampering and names the first broken record', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let integrity: EventStoreIntegrity;
  let streams: AppendResult[];

  beforeEach(async () => {
    database = await createTestDatabase(4);
    store = new PostgresEventStore(database.dataSource);
    integrity = new EventStoreIntegrity(database.dataSource);
    streams = [];
    for (let s = 0; s < 3; s++) {
      streams.push(
        await store.append(uniqueStream(), 'no-stream', [
          event('StatementRecorded', { n: 1, quote: 'a' }),
          event('StatementCorrected', { n: 2 }),
          event('StatementRetracted', { n: 3 }),
        ]),
      );
    }
    await integrity.seal();
    expect((await integrity.verify()).ok).toBe(true);
  });
  afterEach(() => database.drop());

  const sql = (text: string, params: unknown[] = []) => database.dataSource.query(text, params);

  it('an updated event', async () => {
    const target = streams[1].events[1];
    await sql(`UPDATE events SET data = '{"n": 99}' WHERE event_id = $1`, [target.eventId]);
    const report = await integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      reason: 'hash-mismatch',
      eventId: target.eventId,
      streamPosition: 2,
    });
  });

  it('a deleted event in the middle of a stream', async () => {
    const deleted = streams[0].events[1];
    await sql(`DELETE FROM events WHERE event_id = $1`, [deleted.eventId]);
    const report = await integrity.verify();
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      reason: 'position-gap',
      eventId: streams[0].events[2].eventId,
    });
  });

  it('a deleted last event', async () => {
    await sql(`DELETE FROM events WHERE event_id = $1`, [streams[2].events[2].eventId]);
    const report = await integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'stream-head', streamId: streams[2].streamId }),
    );
  });

  it('an inserted event', async () => {
    const [forged] = await sql(
      `INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, metadata, hash)
       VALUES ($1, 4, gen_random_uuid(), 'StatementRecorded', 1, '{}', '{}', sha256('forged'::bytea)) RETURNING event_id`,
      [streams[0].streamId],
    );
    const report = await integrity.verify();
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      reason: 'hash-mismatch',
      eventId: forged.event_id,
    });
  });

  it('two events swapped within a stream', async () => {
    const [a, b] = streams[1].events;
    await sql(`UPDATE events SET stream_position = -1 WHERE event_id = $1`, [a.eventId]);
    await sql(`UPDATE events SET stream_position = 1 WHERE event_id = $1`, [b.eventId]);
    await sql(`UPDATE events SET stream_position = 2 WHERE event_id = $1`, [a.eventId]);
    const report = await integrity.verify();
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      streamId: streams[1].streamId,
      reason: 'hash-mismatch',
    });
  });

  it('a rewrite that recomputes the stream chain is still caught by the seals', async () => {
    const target = streams[0].events[0];
    // Change the first event, then re-chain the whole stream and its head with the store's own
    // hash function (version 2: content and feed position).
    await sql(`UPDATE events SET data = '{"n": 1, "quote": "b"}' WHERE event_id = $1`, [
      target.eventId,
    ]);
    await sql(
      `DO $$ DECLARE r record; h bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000'; BEGIN
         FOR r IN SELECT * FROM events WHERE stream_id = '${streams[0].streamId}' ORDER BY stream_position LOOP
           h := st_event_hash_v2(h, r.transaction_id, r.global_position, r.stream_id, r.stream_position,
                                 r.event_id, r.type, r.schema_version, r.data, r.metadata, r.recorded_at);
           UPDATE events SET hash = h WHERE event_id = r.event_id;
         END LOOP;
         UPDATE streams SET last_hash = h WHERE stream_id = '${streams[0].streamId}';
       END $$`,
    );
    const report = await integrity.verify();
    expect(report.problems.filter((p) => p.kind !== 'seal')).toEqual([]);
    expect(report.firstBroken).toMatchObject({
      kind: 'seal',
      reason: 'digest-mismatch',
      sealNumber: 1,
    });
  });

  it('events reordered in the global feed: names the first event out of place, then the seal', async () => {
    const a = streams[0].events[0];
    const b = streams[2].events[0];
    await sql(
      `UPDATE events SET global_position = CASE WHEN event_id = $1 THEN $4::bigint ELSE $3::bigint END,
                         transaction_id = CASE WHEN event_id = $1 THEN (SELECT transaction_id FROM events WHERE event_id = $2)
                                               ELSE (SELECT transaction_id FROM events WHERE event_id = $1) END
        WHERE event_id IN ($1, $2)`,
      [a.eventId, b.eventId, a.globalPosition, b.globalPosition],
    );
    const report = await integrity.verify();
    // b now sits where a was: the first event out of place in feed order.
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      reason: 'hash-mismatch',
      eventId: b.eventId,
      streamId: streams[2].streamId,
      streamPosition: 1,
      globalPosition: a.globalPosition,
    });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        reason: 'hash-mismatch',
        eventId: a.eventId,
        globalPosition: b.globalPosition,
      }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'seal', reason: 'digest-mismatch', sealNumber: 1 }),
    );
  });

  it('two events swapping global positions where the sealed order stays the same', async () => {
    // The last event of the first transaction and the first of the second: swapping their
    // global positions keeps the feed order (transaction id first), so the seal still matches.
    const a = streams[0].events[2];
    const b = streams[1].events[0];
    await sql(
      `UPDATE events SET global_position = CASE WHEN event_id = $1 THEN $4::bigint ELSE $3::bigint END
        WHERE event_id IN ($1, $2)`,
      [a.eventId, b.eventId, a.globalPosition, b.globalPosition],
    );
    const report = await integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.kind === 'seal')).toEqual([]);
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      reason: 'hash-mismatch',
      eventId: a.eventId,
      streamId: streams[0].streamId,
      streamPosition: 3,
      globalPosition: b.globalPosition,
    });
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'event', eventId: b.eventId, reason: 'hash-mismatch' }),
    );
  });

  it('an event relabelled as hash version 1 (which does not bind the feed position)', async () => {
    const target = streams[1].events[2];
    await sql(
      `UPDATE events e SET hash_version = 1, global_position = 1000,
              hash = st_event_hash(p.hash, e.stream_id, e.stream_position, e.event_id, e.type,
                                   e.schema_version, e.data, e.metadata, e.recorded_at)
         FROM events p WHERE e.event_id = $1 AND p.stream_id = e.stream_id AND p.stream_position = 2`,
      [target.eventId],
    );
    await sql(
      `UPDATE streams s SET last_hash = e.hash FROM events e WHERE e.event_id = $1 AND s.stream_id = e.stream_id`,
      [target.eventId],
    );
    const report = await integrity.verify();
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      reason: 'hash-mismatch',
      eventId: target.eventId,
      detail: expect.stringMatching(/hash version 1 after version 2/),
    });
  });

  it('deleted seals: events older than two seal intervals that no seal covers', async () => {
    // A later event, more than two 100 ms intervals after the sealed ones and not sealed yet.
    await new Promise((resolve) => setTimeout(resolve, 400));
    await store.append(uniqueStream(), 'no-stream', [event('Late')]);
    expect(await integrity.verify({ sealIntervalMs: 100 })).toMatchObject({
      ok: true,
      unsealedEvents: 1,
    });

    await sql(`DELETE FROM event_seals`);
    const report = await integrity.verify({ sealIntervalMs: 100 });
    expect(report).toMatchObject({ ok: false, sealsChecked: 0, unsealedEvents: 10 });
    const first = streams[0].events[0];
    expect(report.firstBroken).toMatchObject({
      kind: 'unsealed',
      reason: 'overdue',
      eventId: first.eventId,
      streamId: streams[0].streamId,
      streamPosition: 1,
      globalPosition: first.globalPosition,
    });
    // Sealing off (SEAL_INTERVAL_MS=0): nothing has to be sealed.
    expect((await integrity.verify({ sealIntervalMs: 0 })).ok).toBe(true);
  });

  it('a seal deleted from the middle of the chain', async () => {
    const later: AppendResult[] = [];
    for (let i = 0; i < 3; i++)
      later.push(await store.append(uniqueStream(), 'no-stream', [event('A'), event('B')]));
    expect((await integrity.seal(4)).map((s) => s.sealNumber)).toEqual([2, 3]);
    await sql(`DELETE FROM event_seals WHERE seal_number = 2`);
    const report = await integrity.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'seal', reason: 'missing', sealNumber: 2 }),
      expect.objectContaining({
        kind: 'unsealed',
        reason: 'seal-missing',
        eventId: later[0].events[0].eventId,
        streamId: later[0].streamId,
        streamPosition: 1,
        globalPosition: later[0].events[0].globalPosition,
      }),
    ]);
  });

  it('seals in batches that chain, and verify walks them all', async () => {
    const store = new PostgresEventStore(database.dataSource);
    for (let i = 0; i < 3; i++)
      await store.append(uniqueStream(), 'no-stream', [event('A'), event('B')]);
    const seals = await integrity.seal(4);
    expect(seals.map((s) => [s.sealNumber, s.eventCount])).toEqual([
      [2, 4],
      [3, 2],
    ]);
    const report = await integrity.verify();
    expect(report).toMatchObject({ ok: true, sealsChecked: 3, eventsChecked: 15 });
  });

  it('seals only what is new and chains each seal to the previous one', async () => {
    expect(await integrity.seal()).toEqual([]);
    await new PostgresEventStore(database.dataSource).append(uniqueStream(), 'no-stream', [
      event('A'),
    ]);
    const [second] = await integrity.seal();
    expect(second).toMatchObject({ sealNumber: 2, eventCount: 1 });
    expect((await integrity.verify()).ok).toBe(true);
    await sql(`UPDATE event_seals SET seal_hash = sha256('x'::bytea) WHERE seal_number = 1`);
    const report = await integrity.verify();
    expect(report.firstBroken).toMatchObject({
      kind: 'seal',
      reason: 'chain-mismatch',
      sealNumber: 1,
    });
  });
});

describe('hash version 2 (feed position in the hash) on a store with older history', () => {
  it('keeps the version-1 hashes of history, verifies both versions, and names moved history', async () => {
    const database = await createTestDatabase(2);
    const sql = (text: string, params: unknown[] = []) => database.dataSource.query(text, params);
    const migrate = async (step: 'up' | 'down') => {
      const runner = database.dataSource.createQueryRunner();
      try {
        await new HashFeedOrder1765100000000()[step](runner);
      } finally {
        await runner.release();
      }
    };
    try {
      // History written before the migration (its down restores the version-1 append).
      await migrate('down');
      const store = new PostgresEventStore(database.dataSource);
      const [s1, s2] = [uniqueStream(), uniqueStream()];
      const old = await store.append(s1, 'no-stream', [event('A'), event('B')]);
      await store.append(s2, 'no-stream', [event('C')]);
      const history = await sql(`SELECT event_id, hash FROM events ORDER BY global_position`);

      await migrate('up');
      const added = await store.append(s1, 2, [event('D'), event('E')]);
      await store.append(uniqueStream(), 'no-stream', [event('F')]);
      const rows = await sql(
        `SELECT event_id, hash, hash_version FROM events ORDER BY global_position`,
      );
      expect(rows.slice(0, 3)).toEqual(history.map((row: object) => ({ ...row, hash_version: 1 })));
      expect(rows.slice(3).map((row: { hash_version: number }) => row.hash_version)).toEqual([
        2, 2, 2,
      ]);
      expect(added.events.map((e) => e.streamPosition)).toEqual([3, 4]);
      // The positions the append hashed with are the ones stored and returned.
      expect(added.events[1].globalPosition).toBe(added.events[0].globalPosition + 1);

      const integrity = new EventStoreIntegrity(database.dataSource);
      await integrity.seal();
      expect(await integrity.verify()).toMatchObject({ ok: true, eventsChecked: 6, problems: [] });
      await expect(migrate('down')).rejects.toThrow(/version-2 hashes/);

      // Version-1 hashes do not bind the feed position: moving B before A is still named.
      const [a, b] = old.events;
      await sql(
        `UPDATE events SET global_position = CASE WHEN event_id = $1 THEN $4::bigint ELSE $3::bigint END
          WHERE event_id IN ($1, $2)`,
        [a.eventId, b.eventId, a.globalPosition, b.globalPosition],
      );
      const report = await integrity.verify();
      expect(report.firstBroken).toMatchObject({
        kind: 'event',
        reason: 'feed-order',
        eventId: b.eventId,
        streamId: s1,
        streamPosition: 2,
        globalPosition: a.globalPosition,
      });
      expect(report.problems).toContainEqual(
        expect.objectContaining({ kind: 'seal', reason: 'digest-mismatch', sealNumber: 1 }),
      );
    } finally {
      await database.drop();
    }
  });
});
