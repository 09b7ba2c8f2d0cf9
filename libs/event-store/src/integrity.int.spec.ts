import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { EventStoreIntegrity } from './integrity';
import { PostgresEventStore } from './postgres-event-store';
import { event, uniqueStream } from './testing/store-contract';
import type { AppendResult } from './types';

// Each case tampers with its own fresh database, the way someone with SQL access could.
describe('verify() detects tampering and names the first broken record', () => {
  let database: TestDatabase;
  let integrity: EventStoreIntegrity;
  let streams: AppendResult[];

  beforeEach(async () => {
    database = await createTestDatabase(4);
    const store = new PostgresEventStore(database.dataSource);
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
    // Change the first event, then re-chain the whole stream and its head with the store's own hash function.
    await sql(`UPDATE events SET data = '{"n": 1, "quote": "b"}' WHERE event_id = $1`, [
      target.eventId,
    ]);
    await sql(
      `DO $$ DECLARE r record; h bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000'; BEGIN
         FOR r IN SELECT * FROM events WHERE stream_id = '${streams[0].streamId}' ORDER BY stream_position LOOP
           h := st_event_hash(h, r.stream_id, r.stream_position, r.event_id, r.type, r.schema_version, r.data, r.metadata, r.recorded_at);
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

  it('events reordered in the global feed', async () => {
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
    expect(report.firstBroken).toMatchObject({ kind: 'seal', reason: 'digest-mismatch' });
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
