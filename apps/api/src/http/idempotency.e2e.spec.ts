import { INestApplication } from '@nestjs/common';
import { registerActors, startTestApi, withKey } from '../../../../test/support/api';
import {
  createTestDatabase,
  eventCount as countEvents,
  TestDatabase,
} from '../../../../test/support/database';

describe('Idempotency-Key on POST', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let sourceId: string;
  const http = () => withKey(app);
  const eventCount = () => countEvents(database);

  beforeAll(async () => {
    database = await createTestDatabase(8);
    app = await startTestApi(database);
    await registerActors(app, [
      { actorId: 'china', name: 'China', kind: 'state' },
      { actorId: 'nato', name: 'NATO', kind: 'organisation' },
    ]);
    sourceId = (await http().post('/sources').send({ url: 'https://news.example/x' }).expect(201))
      .body.sourceId;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const warning = () => ({
    speakerId: 'china',
    kind: 'warning',
    targetIds: ['nato'],
    quote: 'not to provoke conflict',
    saidAt: { date: '2024-07-11', precision: 'day' },
    source: { sourceId },
  });

  it('answers a retry with the first result and writes nothing new', async () => {
    const first = await http()
      .post('/statements')
      .set('Idempotency-Key', 'record-china-warning-1')
      .send(warning())
      .expect(201);
    const before = await eventCount();
    const retry = await http()
      .post('/statements')
      .set('Idempotency-Key', 'record-china-warning-1')
      .send(warning())
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await eventCount()).toBe(before);
  });

  it('refuses the same key for a different request', async () => {
    await http()
      .post('/actors')
      .set('Idempotency-Key', 'k-actor')
      .send({ actorId: 'russia', name: 'Russia', kind: 'state' })
      .expect(201);
    const reused = await http()
      .post('/actors')
      .set('Idempotency-Key', 'k-actor')
      .send({ actorId: 'kremlin', name: 'Kremlin', kind: 'government-body' })
      .expect(422);
    expect(JSON.parse(reused.text)).toMatchObject({ field: 'Idempotency-Key' });
    await http().get('/actors/kremlin').expect(404);
  });

  it('lets concurrent duplicates through exactly once', async () => {
    const before = await eventCount();
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        http().post('/statements').set('Idempotency-Key', 'burst-1').send(warning()),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.statementId)).size).toBe(1);
    expect(await eventCount()).toBe(before + 1);
  });

  it('keeps nothing for a failed request, so the corrected retry goes through', async () => {
    await http()
      .post('/statements')
      .set('Idempotency-Key', 'fix-me')
      .send({ ...warning(), kind: 'boast' })
      .expect(400);
    await http().post('/statements').set('Idempotency-Key', 'fix-me').send(warning()).expect(201);
  });

  it('rejects malformed keys', async () => {
    const bad = await http()
      .post('/statements')
      .set('Idempotency-Key', 'x'.repeat(201))
      .send(warning())
      .expect(400);
    expect(JSON.parse(bad.text)).toMatchObject({ field: 'Idempotency-Key' });
  });
});
