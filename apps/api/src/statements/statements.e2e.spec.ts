import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import {
  createTestDatabase,
  eventCount as countEvents,
  TestDatabase,
} from '../../../../test/support/database';
import { startTestApi, withKey } from '../../../../test/support/api';

describe('actors, sources and statements over HTTP (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let sourceId: string;
  const http = () => withKey(app);
  const eventCount = () => countEvents(database);
  const problem = (response: request.Response) => JSON.parse(response.text);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    for (const actor of [
      { actorId: 'nato', name: 'NATO', kind: 'organisation', aliases: ['the alliance'] },
      {
        actorId: 'china',
        name: 'China',
        kind: 'state',
        aliases: ['Beijing'],
        countryCode: 'CN',
        wikidataId: 'Q148',
      },
      { actorId: 'russia', name: 'Russia', kind: 'state', aliases: ['Moscow'], countryCode: 'RU' },
      { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body' },
      { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person', aliases: ['Peskov'] },
    ]) {
      await http().post('/actors').send(actor).expect(201);
    }
    const source = await http()
      .post('/sources')
      .send({
        url: 'https://news.example/china-warns-nato',
        publisher: 'Example Post',
        title: 'China warns NATO',
        publishedAt: '2024-07-11T12:00:00Z',
        text: 'Kremlin spokesman Dmitry Peskov said Russia was planning response measures.',
      })
      .expect(201);
    sourceId = source.body.sourceId;
    expect(source.body.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const peskovWarns = () => ({
    speakerId: 'dmitry-peskov',
    principalId: 'russia',
    kind: 'warning',
    targetIds: ['nato'],
    quote: 'response measures',
    saidAt: { date: '2024-07-11', precision: 'day' },
    source: { sourceId, span: { start: 54, end: 71 } },
    confidence: 0.9,
  });

  it('registers and reads an actor with its affiliation, ETag and history', async () => {
    const affiliated = await http()
      .post('/actors/dmitry-peskov/affiliations')
      .send({
        affiliationId: 'kremlin-spokesman',
        organisationId: 'kremlin',
        role: 'spokesman',
        from: '2012-05-22',
      })
      .expect(200);
    expect(affiliated.headers.etag).toBe('"2"');
    const actor = await http().get('/actors/dmitry-peskov').expect(200);
    expect(actor.body).toMatchObject({
      actorId: 'dmitry-peskov',
      version: 2,
      affiliations: [{ organisationId: 'kremlin', role: 'spokesman' }],
    });
    const history = await http().get('/actors/dmitry-peskov/events').expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ActorRegistered',
      'ActorAffiliationAdded',
    ]);
    await http().get('/actors/nobody').expect(404);
    const dup = await http()
      .post('/actors')
      .send({ actorId: 'nato', name: 'NATO', kind: 'organisation' })
      .expect(409);
    expect(problem(dup)).toMatchObject({ status: 409, code: 'actor-exists' });
  });

  it('merges a duplicate actor into the survivor in one transaction', async () => {
    await http()
      .post('/actors')
      .send({ actorId: 'd-peskov', name: 'D. Peskov', kind: 'person', aliases: ['Dmitri Peskov'] })
      .expect(201);
    const unknown = await http()
      .post('/actors/d-peskov/merge')
      .send({ into: 'nobody-known', reason: 'x' })
      .expect(422);
    expect(problem(unknown)).toMatchObject({ code: 'unknown-actor', field: 'into' });
    const merged = await http()
      .post('/actors/d-peskov/merge')
      .set('If-Match', '"1"')
      .send({ into: 'dmitry-peskov', reason: 'same person, spelt differently' })
      .expect(200);
    expect(merged.body).toMatchObject({ mergedInto: 'dmitry-peskov', version: 2 });
    const survivor = await http().get('/actors/dmitry-peskov').expect(200);
    expect(survivor.body.aliases).toEqual(
      expect.arrayContaining(['Peskov', 'D. Peskov', 'Dmitri Peskov']),
    );
    const closed = await http().post('/actors/d-peskov/aliases').send({ alias: 'DP' }).expect(409);
    expect(problem(closed)).toMatchObject({ code: 'actor-merged' });
  });

  it('records a statement, corrects it with If-Match, retracts it once, and keeps every step', async () => {
    const recorded = await http()
      .post('/statements')
      .set('X-Correlation-Id', 'story-1')
      .send(peskovWarns())
      .expect(201);
    expect(recorded.headers.location).toBe(`/statements/${recorded.body.statementId}`);
    expect(recorded.headers.etag).toBe('"1"');
    expect(recorded.body).toMatchObject({
      speakerId: 'dmitry-peskov',
      principalId: 'russia',
      cameo: '130',
      goldstein: -4.4,
      status: 'recorded',
    });
    const id = recorded.body.statementId;

    const read = await http().get(`/statements/${id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');

    const corrected = await http()
      .post(`/statements/${id}/corrections`)
      .set('If-Match', '"1"')
      .send({ changes: { kind: 'criticism' }, reason: 'the source paraphrases criticism' })
      .expect(200);
    expect(corrected.body).toMatchObject({
      version: 2,
      kind: 'criticism',
      cameo: '111',
      corrections: 1,
    });

    const stale = await http()
      .post(`/statements/${id}/corrections`)
      .set('If-Match', '"1"')
      .send({ changes: { confidence: 0.5 }, reason: 'r' })
      .expect(409);
    expect(problem(stale)).toMatchObject({ status: 409, currentVersion: 2 });

    await http()
      .post(`/statements/${id}/retractions`)
      .send({ retractedOn: '2024-07-12', sourceId })
      .expect(200);
    const again = await http()
      .post(`/statements/${id}/retractions`)
      .send({ retractedOn: '2024-07-13', sourceId })
      .expect(409);
    expect(problem(again)).toMatchObject({ code: 'already-retracted' });

    const history = await http().get(`/statements/${id}/events`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'StatementRecorded',
      'StatementCorrected',
      'StatementRetracted',
    ]);
    expect(history.body.events[0].metadata).toMatchObject({ correlationId: 'story-1' });
    expect(history.body.events[1].data).toMatchObject({
      previous: { kind: 'warning' },
      changes: { kind: 'criticism' },
    });
  });

  it('rejects unknown actors unless the request registers them', async () => {
    const before = await eventCount();
    const unknown = await http()
      .post('/statements')
      .send({ ...peskovWarns(), targetIds: ['nato', 'european-union'] })
      .expect(422);
    expect(problem(unknown)).toMatchObject({ code: 'unknown-actor', field: 'targetIds[1]' });
    expect(await eventCount()).toBe(before);

    // Without a span (nothing to check against the source's text) the append itself checks
    // the references, in one statement: the same 422s, and nothing written.
    const noSpan = { ...peskovWarns(), source: { sourceId } };
    for (const [body, code, field] of [
      [{ ...noSpan, targetIds: ['nato', 'nobody-here'] }, 'unknown-actor', 'targetIds[1]'],
      [{ ...noSpan, principalId: 'nowhere' }, 'unknown-actor', 'principalId'],
      [{ ...noSpan, source: { sourceId: randomUUID() } }, 'unknown-source', 'source.sourceId'],
      [
        { ...noSpan, stances: [{ propositionId: 'no-such-claim', stance: 'supports' }] },
        'unknown-proposition',
        'stances[0].propositionId',
      ],
    ] as const) {
      const refused = await http().post('/statements').send(body).expect(422);
      expect(problem(refused)).toMatchObject({ code, field });
    }
    expect(await eventCount()).toBe(before);
    const recorded = await http().post('/statements').send(noSpan).expect(201);
    expect(recorded.body).toMatchObject({ speakerId: 'dmitry-peskov', targetIds: ['nato'] });
    expect(await eventCount()).toBe(before + 1);
    const afterFast = await eventCount();

    const registered = await http()
      .post('/statements')
      .send({
        ...peskovWarns(),
        targetIds: ['nato', 'european-union'],
        newActors: [{ actorId: 'european-union', name: 'European Union', kind: 'organisation' }],
      })
      .expect(201);
    expect(registered.body.targetIds).toEqual(['nato', 'european-union']);
    expect(await eventCount()).toBeGreaterThan(afterFast);
    await http().get('/actors/european-union').expect(200);
  });

  it('answers bad input with problem+json naming the field and writes nothing', async () => {
    const before = await eventCount();
    const cases: Array<[object | string, string | undefined]> = [
      [{ ...peskovWarns(), kind: 'boast' }, 'kind'],
      [{ ...peskovWarns(), saidAt: { date: '2024-02-30', precision: 'day' } }, 'saidAt.date'],
      [{ ...peskovWarns(), saidAt: { date: '0000-07-11', precision: 'day' } }, 'saidAt.date'],
      [{ ...peskovWarns(), quote: 'half a pair \ud83d here' }, 'quote'],
      [{ ...peskovWarns(), colour: 'red' }, 'colour'],
      [
        { ...peskovWarns(), source: { sourceId, span: { start: 0, end: 9999 } } },
        'source.span.end',
      ],
      [
        { ...peskovWarns(), source: { sourceId: '00000000-0000-4000-8000-000000000000' } },
        'source.sourceId',
      ],
      [[1, 2, 3], undefined],
      // Nested members are as closed as top-level ones.
      [
        { ...peskovWarns(), saidAt: { date: '2024-07-11', precision: 'day', tz: 'UTC' } },
        'saidAt.tz',
      ],
      [
        { ...peskovWarns(), source: { sourceId, span: { start: 54, end: 71, length: 17 } } },
        'source.span.length',
      ],
      [
        {
          ...peskovWarns(),
          targetIds: ['nato', 'new-bloc'],
          newActors: [
            { actorId: 'new-bloc', name: 'New Bloc', kind: 'organisation', colour: 'red' },
          ],
        },
        'newActors[0].colour',
      ],
      // A member named twice: JSON.parse would silently keep the last.
      [
        JSON.stringify(peskovWarns()).replace(
          '"kind":"warning"',
          '"kind":"warning","kind":"threat"',
        ),
        'kind',
      ],
      [
        JSON.stringify(peskovWarns()).replace(
          '"precision":"day"',
          '"precision":"day","date":"2024-07-12"',
        ),
        'saidAt.date',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await http()
        .post('/statements')
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect(problem(response).field).toBe(field);
    }
    const malformed = await http()
      .post('/statements')
      .set('Content-Type', 'application/json')
      .send('{"kind": ')
      .expect(400);
    expect(problem(malformed)).toMatchObject({ status: 400, title: 'Bad Request' });
    const huge = await http()
      .post('/statements')
      .send({ ...peskovWarns(), quote: 'x'.repeat(300_000) })
      .expect(413);
    expect(problem(huge).status).toBe(413);
    await http().get('/statements/not-a-uuid').expect(400);
    await http().get('/statements/00000000-0000-4000-8000-000000000000').expect(404);
    await http()
      .post('/statements/00000000-0000-4000-8000-000000000000/withdrawals')
      .send({ reason: 'erroneous' })
      .expect(404);
    expect(await eventCount()).toBe(before);
  });
});
