/**
 * GET /stream over a real socket, with the api projecting in-process on real Postgres: a
 * recorded statement arrives within 2 s of its 201, a dropped connection resumes with
 * Last-Event-ID without a gap or a duplicate, the actor filter takes an alias, and refusals
 * come before the stream starts, as problem+json.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { registerActors, startTestApi, withKey } from '../../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';

interface Received {
  id: string;
  event: string;
  data: Record<string, any>;
  at: number;
}

/** A minimal EventSource: collects events until closed. */
class Listener {
  readonly events: Received[] = [];
  status = 0;
  contentType = '';
  body = '';
  private request?: http.ClientRequest;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly port: number,
    private readonly path: string,
    private readonly headers: Record<string, string>,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.request = http.get(
        { host: '127.0.0.1', port: this.port, path: this.path, headers: this.headers },
        (response) => {
          this.status = response.statusCode!;
          this.contentType = String(response.headers['content-type']);
          let buffer = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            this.body += chunk;
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const fields = Object.fromEntries(
                block
                  .split('\n')
                  .filter((line) => !line.startsWith(':') && line.includes(': '))
                  .map((line) => [
                    line.slice(0, line.indexOf(': ')),
                    line.slice(line.indexOf(': ') + 2),
                  ]),
              );
              if (fields.id && fields.data)
                this.events.push({
                  id: fields.id,
                  event: fields.event,
                  data: JSON.parse(fields.data),
                  at: Date.now(),
                });
            }
            for (const waiter of this.waiters.splice(0)) waiter();
          });
          response.on('error', () => undefined);
          resolve();
        },
      );
      this.request.on('error', (error) => (this.status ? undefined : reject(error)));
    });
  }

  /**
   * Resolves once an event matching `test` arrived (fails after `ms`: generous, since the change
   * log waits for transactions running anywhere on the server, other suites' included).
   */
  async until(test: (e: Received) => boolean, ms = 30_000): Promise<Received> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no such event within ${ms} ms: ${this.body}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.request?.destroy();
  }
}

describe('GET /stream (server-sent events, real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let port: number;
  let viewer: string;
  let sourceId: string;
  const listeners: Listener[] = [];

  const listen = async (path: string, headers: Record<string, string> = {}, key = viewer) => {
    const listener = new Listener(port, path, {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    });
    listeners.push(listener);
    await listener.open();
    return listener;
  };
  const record = async (speakerId: string, targetIds: string[], quote: string) => {
    const response = await withKey(app)
      .post('/statements')
      .send({
        speakerId,
        kind: 'statement',
        targetIds,
        quote,
        saidAt: { date: '2024-07-11', precision: 'day' },
        source: { sourceId },
      })
      .expect(201);
    return { statementId: response.body.statementId as string, answeredAt: Date.now() };
  };

  beforeAll(async () => {
    database = await createTestDatabase(6);
    app = await startTestApi(database);
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    await registerActors(app, [
      { actorId: 'russia', name: 'Russia', kind: 'state' },
      { actorId: 'nato', name: 'NATO', kind: 'organisation' },
    ]);
    await withKey(app)
      .post('/actors')
      .send({ actorId: 'china', name: 'China', kind: 'state', aliases: ['Beijing'] })
      .expect(201);
    viewer = (await withKey(app).post('/keys').send({ name: 'dash', role: 'viewer' }).expect(201))
      .body.key;
    sourceId = (
      await withKey(app)
        .post('/sources')
        .send({ url: `https://news.example/${randomUUID()}` })
        .expect(201)
    ).body.sourceId;
  });
  afterAll(async () => {
    for (const listener of listeners) listener.close();
    await app.close();
    await database.drop();
  });

  it('delivers a recorded statement within 2 s of its 201', async () => {
    const stream = await listen('/stream');
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const { statementId, answeredAt } = await record('russia', ['nato'], 'talks are possible');
    const event = await stream.until(
      (e) => e.event === 'statement.recorded' && e.data.statementId === statementId,
    );
    expect(event.at - answeredAt).toBeLessThan(2_000);
    expect(event.data).toMatchObject({
      change: 'statement.recorded',
      kind: 'statement',
      actorIds: ['nato', 'russia'],
      speakerId: 'russia',
      href: `/statements/${statementId}`,
    });
    stream.close();
  });

  it('resumes after a dropped connection with Last-Event-ID: no gap, no duplicate', async () => {
    const first = await listen('/stream');
    const before = await record('russia', ['nato'], 'before the drop');
    const last = await first.until((e) => e.data.statementId === before.statementId);
    first.close();
    const missed = [];
    for (let i = 0; i < 5; i++)
      missed.push((await record('nato', ['russia'], `missed ${i}`)).statementId);
    const resumed = await listen('/stream', { 'last-event-id': last.id });
    const after = await record('russia', ['nato'], 'after the drop');
    await resumed.until((e) => e.data.statementId === after.statementId);
    const seen = resumed.events
      .filter((e) => e.event === 'statement.recorded')
      .map((e) => e.data.statementId);
    expect(seen).toEqual([...missed, after.statementId]);
    expect(new Set(resumed.events.map((e) => e.id)).size).toBe(resumed.events.length);
    // The same by query parameter (EventSource cannot set headers on its first request).
    const byQuery = await listen(`/stream?lastEventId=${encodeURIComponent(last.id)}`);
    await byQuery.until((e) => e.data.statementId === after.statementId);
    expect(byQuery.events[0].data.statementId).toBe(missed[0]);
  });

  it('follows one actor, named by an alias', async () => {
    const china = await listen('/stream?actorId=Beijing');
    const other = await record('russia', ['nato'], 'not about China');
    const about = await record('nato', ['china'], 'about China');
    await china.until((e) => e.data.statementId === about.statementId);
    expect(china.events.map((e) => e.data.statementId)).not.toContain(other.statementId);
    expect(china.events.every((e) => e.data.actorIds.includes('china'))).toBe(true);
  });

  it('refuses before streaming: no key, a bad Last-Event-ID, an unknown actor', async () => {
    const anonymous = await listen('/stream', {}, '');
    await new Promise((r) => setTimeout(r, 300));
    expect(anonymous.status).toBe(401);
    const bad = await withKey(app, viewer)
      .get('/stream')
      .set('Last-Event-ID', 'yesterday')
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ field: 'Last-Event-ID' });
    await withKey(app, viewer).get('/stream?actorId=atlantis').expect(404);
    await withKey(app, viewer).get('/stream?timeout=0').expect(400);
    await withKey(app, viewer).get('/stream?colour=red').expect(400);
  });

  it('ends the stream at its timeout', async () => {
    const started = Date.now();
    const response = await withKey(app, viewer).get('/stream?timeout=1').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(response.text).toMatch(/^retry: 1000\n/);
  });
});
