/** The success path of every endpoint not walked by the story tests, and their 4xx answers. */
import { INestApplication } from '@nestjs/common';
import { registerActors, startTestApi, withKey } from '../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';

describe('every endpoint answers its success path (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let sourceId: string;
  let otherSourceId: string;
  const http = () => withKey(app);
  const problem = (text: string) => JSON.parse(text);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    await registerActors(app, [
      { actorId: 'china', name: 'China', kind: 'state' },
      { actorId: 'nato', name: 'NATO', kind: 'organisation' },
      { actorId: 'lin-jian', name: 'Lin Jian', kind: 'person' },
    ]);
    sourceId = (
      await http()
        .post('/sources')
        .send({ url: 'https://news.example/one', text: 'China told NATO not to provoke conflict.' })
        .expect(201)
    ).body.sourceId;
    otherSourceId = (
      await http()
        .post('/sources')
        .send({ url: 'https://news.example/two', title: 'Second report' })
        .expect(201)
    ).body.sourceId;
    await http()
      .post('/propositions')
      .send({ propositionId: 'nato-provokes-conflict', text: 'NATO provokes conflict' })
      .expect(201);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('actors: alias, affiliation and its end', async () => {
    const aliased = await http()
      .post('/actors/china/aliases')
      .send({ alias: 'Beijing' })
      .expect(200);
    expect(aliased.body).toMatchObject({ aliases: ['Beijing'], version: 2 });
    const dup = await http().post('/actors/china/aliases').send({ alias: 'beijing' }).expect(409);
    expect(problem(dup.text)).toMatchObject({ code: 'alias-exists', field: 'alias' });
    await http()
      .post('/actors/lin-jian/affiliations')
      .send({
        affiliationId: 'spokesman',
        organisationId: 'china',
        role: 'spokesman',
        from: '2024-01-01',
      })
      .expect(200);
    const ended = await http()
      .post('/actors/lin-jian/affiliations/spokesman/end')
      .send({ to: '2030-01-01' })
      .expect(200);
    expect(ended.body.affiliations).toEqual([
      {
        affiliationId: 'spokesman',
        organisationId: 'china',
        role: 'spokesman',
        from: '2024-01-01',
        to: '2030-01-01',
      },
    ]);
    const early = await http()
      .post('/actors/lin-jian/affiliations/spokesman/end')
      .send({ to: '2031-01-01' })
      .expect(409);
    expect(problem(early.text)).toMatchObject({ code: 'affiliation-ended' });
    await http().post('/actors/nobody/aliases').send({ alias: 'x' }).expect(404);
    await http().post('/actors/Bad%20Id/aliases').send({ alias: 'x' }).expect(400);
  });

  it('sources: read back with the text hash; 404 and 400 otherwise', async () => {
    const source = await http().get(`/sources/${sourceId}`).expect(200);
    // Registered, and the extractor's candidate proposed ("China told NATO …").
    expect(source.headers.etag).toBe('"2"');
    expect(source.body).toMatchObject({
      url: 'https://news.example/one',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      candidates: { proposed: 1, accepted: 0, rejected: 0 },
    });
    await http().get('/sources/00000000-0000-4000-8000-000000000000').expect(404);
    const neither = await http().post('/sources').send({ title: 'no url, no text' }).expect(400);
    expect(problem(neither.text)).toMatchObject({ field: 'url' });
  });

  it('statements: mention, stance and withdrawal; nothing more after a withdrawal', async () => {
    const recorded = await http()
      .post('/statements')
      .send({
        speakerId: 'china',
        kind: 'warning',
        targetIds: ['nato'],
        quote: 'not to provoke conflict',
        saidAt: { date: '2024-07-11', precision: 'day' },
        source: { sourceId, span: { start: 15, end: 38 } },
      })
      .expect(201);
    const id = recorded.body.statementId;
    const mentioned = await http()
      .post(`/statements/${id}/mentions`)
      .send({ sourceId: otherSourceId, reportedAt: '2024-07-11T18:00:00Z' })
      .expect(200);
    expect(mentioned.body.mentions).toHaveLength(2);
    await http().post(`/statements/${id}/mentions`).send({ sourceId: otherSourceId }).expect(409);
    const stance = await http()
      .post(`/statements/${id}/stances`)
      .send({ propositionId: 'nato-provokes-conflict', stance: 'supports' })
      .expect(200);
    expect(stance.body.stances).toEqual([
      { propositionId: 'nato-provokes-conflict', stance: 'supports' },
    ]);
    const unknownProposition = await http()
      .post(`/statements/${id}/stances`)
      .send({ propositionId: 'no-such', stance: 'supports' })
      .expect(422);
    expect(problem(unknownProposition.text)).toMatchObject({
      code: 'unknown-proposition',
      field: 'propositionId',
    });
    const unknownDuplicate = await http()
      .post(`/statements/${id}/withdrawals`)
      .send({ reason: 'duplicate', duplicateOf: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    expect(problem(unknownDuplicate.text)).toMatchObject({
      code: 'unknown-statement',
      field: 'duplicateOf',
    });
    const withdrawn = await http()
      .post(`/statements/${id}/withdrawals`)
      .send({ reason: 'erroneous', note: 'wrong article' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      withdrawal: { reason: 'erroneous' },
    });
    const after = await http()
      .post(`/statements/${id}/corrections`)
      .send({ changes: { confidence: 0.2 }, reason: 'r' })
      .expect(409);
    expect(problem(after.text)).toMatchObject({ code: 'statement-withdrawn' });
    const read = await http().get(`/statements/${id}`).expect(200);
    expect(read.body).toMatchObject({
      status: 'withdrawn',
      quote: 'not to provoke conflict',
      version: 4,
    });
  });

  it('propositions: read and history', async () => {
    const read = await http().get('/propositions/nato-provokes-conflict').expect(200);
    expect(read.body).toMatchObject({ text: 'NATO provokes conflict', version: 1 });
    const history = await http().get('/propositions/nato-provokes-conflict/events').expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'PropositionDefined',
    ]);
    await http().get('/propositions/none-such').expect(404);
    await http()
      .post('/propositions')
      .send({ propositionId: 'nato-provokes-conflict', text: 'again' })
      .expect(409);
  });

  it('audit: seal, then verify sees the seal', async () => {
    const sealed = await http().post('/audit/seal').expect(200);
    expect(sealed.body.seals[0]).toMatchObject({ sealNumber: 1 });
    const verified = await http().get('/audit/verify').expect(200);
    expect(verified.body).toMatchObject({ ok: true, sealsChecked: 1 });
  });
});
