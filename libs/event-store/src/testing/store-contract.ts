/**
 * The store's basic contract, run against real Postgres and against embedded PGlite.
 * Each suite gets a DataSource on a migrated database from `open` and must release it in `close`.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  InvalidAppendError,
  MissingStreamsError,
} from '../errors';
import { EventStoreIntegrity } from '../integrity';
import { EventStoreOptions, PostgresEventStore } from '../postgres-event-store';
import { NewEvent, toEnvelope } from '../types';

export function event(
  type: string,
  data: unknown = {},
  metadata: NewEvent['metadata'] = {},
): NewEvent {
  return { eventId: randomUUID(), type, data, metadata };
}

export function uniqueStream(category = 'statement'): string {
  return `${category}-${randomUUID()}`;
}

export function describeEventStoreContract(
  name: string,
  open: () => Promise<DataSource>,
  options: EventStoreOptions,
  close: (dataSource: DataSource) => Promise<void>,
): void {
  describe(`event store contract (${name})`, () => {
    let dataSource: DataSource;
    let store: PostgresEventStore;

    beforeAll(async () => {
      dataSource = await open();
      store = new PostgresEventStore(dataSource, options);
    });
    afterAll(() => close(dataSource));

    it('appends to a new stream and reads it back with metadata and recorded time', async () => {
      const streamId = uniqueStream();
      const before = Date.now();
      const result = await store.append(streamId, 'no-stream', [
        event(
          'StatementRecorded',
          { quote: 'not the cause' },
          { userId: 'key-1', correlationId: 'c-1', causationId: 'cmd-1' },
        ),
        event('StatementCorrected', { field: 'speaker' }),
      ]);
      expect(result.nextExpectedVersion).toBe(2);
      expect(result.idempotentReplay).toBe(false);
      expect(result.events.map((e) => e.streamPosition)).toEqual([1, 2]);
      expect(result.events[1].globalPosition).toBeGreaterThan(result.events[0].globalPosition);

      const events = await store.readStream(streamId);
      expect(events.map((e) => [e.type, e.streamPosition, e.schemaVersion])).toEqual([
        ['StatementRecorded', 1, 1],
        ['StatementCorrected', 2, 1],
      ]);
      expect(events[0].data).toEqual({ quote: 'not the cause' });
      expect(events[0].metadata).toEqual({
        userId: 'key-1',
        correlationId: 'c-1',
        causationId: 'cmd-1',
      });
      expect(events[0].recordedAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
      expect(events[0].hash).toMatch(/^[0-9a-f]{64}$/);

      const info = await store.streamInfo(streamId);
      expect(info).toMatchObject({
        streamId,
        category: 'statement',
        version: 2,
        lastHash: events[1].hash,
      });
    });

    it('enforces expected versions with a typed ConcurrencyError', async () => {
      const streamId = uniqueStream();
      await store.append(streamId, 'no-stream', [event('A')]);
      await expect(store.append(streamId, 'no-stream', [event('B')])).rejects.toMatchObject({
        name: 'ConcurrencyError',
        actual: 1,
      });
      await expect(store.append(streamId, 5, [event('B')])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      await expect(store.append(uniqueStream(), 3, [event('B')])).rejects.toMatchObject({
        actual: 0,
      });
      const ok = await store.append(streamId, 1, [event('B')]);
      expect(ok.nextExpectedVersion).toBe(2);
      const any = await store.append(streamId, 'any', [event('C')]);
      expect(any.nextExpectedVersion).toBe(3);
      expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('appends only when the streams it requires exist, naming those that do not', async () => {
      const [actor, source] = [uniqueStream('actor'), uniqueStream('source')];
      await store.append(actor, 'no-stream', [event('ActorRegistered')]);
      const streamId = uniqueStream();
      const refused = await store
        .append(streamId, 'no-stream', [event('StatementRecorded')], {
          requireStreams: [source, actor, `${source}-too`],
        })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(MissingStreamsError);
      expect((refused as MissingStreamsError).streamIds).toEqual([source, `${source}-too`]);
      expect(await store.streamInfo(streamId)).toBeNull();
      await store.append(source, 'no-stream', [event('SourceRegistered')]);
      const appended = await store.append(streamId, 'no-stream', [event('StatementRecorded')], {
        requireStreams: [source, actor],
      });
      expect(appended.nextExpectedVersion).toBe(1);
      expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['StatementRecorded']);
    });

    it('answers a retry of the same event ids with the original positions and writes nothing', async () => {
      const streamId = uniqueStream();
      const batch = [event('A'), event('B')];
      const first = await store.append(streamId, 'no-stream', batch);
      await store.append(streamId, 2, [event('C')]);
      const retry = await store.append(streamId, 'no-stream', batch);
      expect(retry.idempotentReplay).toBe(true);
      expect(retry.events).toEqual(first.events);
      expect((await store.readStream(streamId)).length).toBe(3);
    });

    it('refuses a batch that reuses an id from another stream, atomically', async () => {
      const taken = event('A');
      await store.append(uniqueStream(), 'no-stream', [taken]);
      const streamId = uniqueStream();
      await store.append(streamId, 'no-stream', [event('First')]);
      await expect(
        store.append(streamId, 1, [event('B'), taken, event('C')]),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect((await store.readStream(streamId)).map((e) => e.type)).toEqual(['First']);
      expect((await store.streamInfo(streamId))?.version).toBe(1);
    });

    it('rejects malformed appends before they reach SQL', async () => {
      await expect(store.append('', 'any', [event('A')])).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
      await expect(store.append(uniqueStream(), 'any', [])).rejects.toBeInstanceOf(
        InvalidAppendError,
      );
      await expect(
        store.append(uniqueStream(), 'any', [{ ...event('A'), eventId: 'x' }]),
      ).rejects.toThrow(/eventId/);
      await expect(
        store.append(uniqueStream(), 'any', [event('A', { text: 'a\u0000b' })]),
      ).rejects.toThrow(/NUL/);
    });

    it('writes nothing when the caller rolls its transaction back', async () => {
      const streamId = uniqueStream();
      await expect(
        dataSource.transaction(async (manager) => {
          await store.append(streamId, 'no-stream', [event('A')], { manager });
          throw new Error('command failed after append');
        }),
      ).rejects.toThrow('command failed');
      expect(await store.readStream(streamId)).toEqual([]);
      expect(await store.streamInfo(streamId)).toBeNull();
    });

    it('pages through the global feed in order with checkpoints', async () => {
      const head = await store.headCheckpoint();
      const streams = [uniqueStream(), uniqueStream()];
      const appended: string[] = [];
      for (let i = 0; i < 5; i++) {
        for (const streamId of streams) {
          const e = event('Tick', { i });
          appended.push(e.eventId);
          await store.append(streamId, 'any', [e]);
        }
      }
      const seen: string[] = [];
      let checkpoint = head;
      for (;;) {
        const page = await store.readFeed(checkpoint, 3);
        seen.push(...page.events.map((e) => e.eventId));
        checkpoint = page.checkpoint;
        if (page.caughtUp) break;
      }
      expect(seen.filter((id) => appended.includes(id))).toEqual(appended);
      expect(await store.headCheckpoint()).toEqual(checkpoint);
    });

    it('serves the same feed as wire envelopes: data as JSON text, metadata ids and time as text', async () => {
      const head = await store.headCheckpoint();
      const streamId = uniqueStream();
      const first = event('Said', {
        quote: 'ünïcode “quoted”',
        n: 1.5,
        nested: { list: [1, null] },
      });
      const second = event('Said', { n: 2 });
      await store.append(streamId, 'no-stream', [
        { ...first, metadata: { userId: 'key-1', correlationId: 'c-1', causationId: 'x-1' } },
        { ...second, metadata: { userId: 'key-1', correlationId: 'c-2' } },
      ]);
      const events = (await store.readFeed(head, 100)).events;
      const page = await store.readFeedEnvelopes(head, 100);
      expect(page.checkpoint).toEqual((await store.readFeed(head, 100)).checkpoint);
      expect(page.events).toHaveLength(events.length);
      page.events.forEach((envelope, i) => {
        const { dataJson, ...rest } = envelope;
        const { dataJson: expectedJson, ...expected } = toEnvelope(events[i]);
        expect(rest).toEqual(expected);
        expect(JSON.parse(dataJson)).toEqual(JSON.parse(expectedJson));
      });
      const ours = page.events.filter((e) => e.streamId === streamId);
      expect(ours.map((e) => [e.userId, e.correlationId, e.causationId])).toEqual([
        ['key-1', 'c-1', 'x-1'],
        ['key-1', 'c-2', null],
      ]);
      expect(ours[0].recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    });

    it('verifies an untampered store and its seals', async () => {
      await store.append(uniqueStream(), 'no-stream', [event('A'), event('B')]);
      const integrity = new EventStoreIntegrity(dataSource);
      const seals = await integrity.seal();
      expect(seals.length).toBeGreaterThanOrEqual(1);
      const report = await integrity.verify();
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.sealsChecked).toBeGreaterThanOrEqual(1);
    });
  });
}
