/**
 * The seed story through the API alone: NATO accuses China; a denial the source credits to
 * Russia is refused as a response until the analyst corrects the attribution; China's
 * denial then moves the accusation to "denied"; positions attach through a proposition.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { startTestApi, withKey } from '../../../../test/support/api';

describe('accusations and propositions over HTTP (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let sourceId: string;
  const http = () => withKey(app);
  const problem = (response: request.Response) => JSON.parse(response.text);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    for (const actor of [
      { actorId: 'nato', name: 'NATO', kind: 'organisation' },
      { actorId: 'china', name: 'China', kind: 'state', aliases: ['Beijing'] },
      { actorId: 'russia', name: 'Russia', kind: 'state' },
      { actorId: 'lin-jiang', name: 'Lin Jiang', kind: 'person' },
    ]) {
      await http().post('/actors').send(actor).expect(201);
    }
    sourceId = (
      await http()
        .post('/sources')
        .send({ url: 'https://news.example/summit', title: 'Summit fallout' })
        .expect(201)
    ).body.sourceId;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const statement = (fields: object) =>
    http()
      .post('/statements')
      .send({ saidAt: { date: '2024-07-10', precision: 'day' }, source: { sourceId }, ...fields })
      .expect(201)
      .then((response) => response.body as { statementId: string });

  it('follows an accusation from NATO through a misattributed denial, its correction, and China’s denial', async () => {
    const proposition = await http()
      .post('/propositions')
      .send({
        propositionId: 'china-enables-russia-war',
        text: 'China enables Russia’s war against Ukraine',
        tags: ['ukraine-war'],
      })
      .expect(201);
    expect(proposition.headers.location).toBe('/propositions/china-enables-russia-war');

    const accusingStatement = await statement({
      speakerId: 'nato',
      kind: 'accusation',
      targetIds: ['china'],
      quote: 'a decisive enabler of Russia’s war',
      allegation: 'enabling Russia’s war against Ukraine',
      stances: [{ propositionId: 'china-enables-russia-war', stance: 'supports' }],
    });
    // Recording it opened its accusation, under the statement's id.
    const accusation = accusingStatement.statementId;
    const made = await http().get(`/accusations/${accusation}`).expect(200);
    expect(made.body).toMatchObject({
      accuserId: 'nato',
      accusedIds: ['china'],
      allegation: 'enabling Russia’s war against Ukraine',
      status: 'open',
      version: 1,
    });

    // As the source gave it: the rebuttal credited to Russia.
    const rebuttal = await statement({
      speakerId: 'lin-jiang',
      principalId: 'russia',
      kind: 'denial',
      targetIds: ['nato'],
      quote: 'unjust and malicious',
      stances: [{ propositionId: 'china-enables-russia-war', stance: 'opposes' }],
    });
    const refused = await http()
      .post(`/accusations/${accusation}/responses`)
      .send({ statementId: rebuttal.statementId, response: 'denial' })
      .expect(422);
    expect(problem(refused)).toMatchObject({ code: 'not-accused', field: 'statementId' });

    await http()
      .post(`/statements/${rebuttal.statementId}/corrections`)
      .set('If-Match', '"1"')
      .send({
        changes: { principalId: 'china' },
        reason: 'the spokesman speaks for China’s foreign ministry, not Russia',
      })
      .expect(200);
    const denied = await http()
      .post(`/accusations/${accusation}/responses`)
      .send({ statementId: rebuttal.statementId, response: 'denial' })
      .expect(200);
    expect(denied.body).toMatchObject({
      status: 'denied',
      responses: [{ response: 'denial', respondentId: 'china' }],
      version: 2,
    });

    const twice = await http()
      .post(`/accusations/${accusation}/responses`)
      .send({ statementId: rebuttal.statementId, response: 'denial' })
      .expect(409);
    expect(problem(twice)).toMatchObject({ code: 'response-exists' });
    const chinaStatement = await statement({
      speakerId: 'china',
      kind: 'statement',
      quote: 'our stance is open and fair',
    });
    const notByAccuser = await http()
      .post(`/accusations/${accusation}/responses`)
      .send({ statementId: chinaStatement.statementId, response: 'withdrawal' })
      .expect(422);
    expect(problem(notByAccuser)).toMatchObject({ code: 'not-the-accuser' });

    const read = await http().get(`/accusations/${accusation}`).expect(200);
    expect(read.headers.etag).toBe('"2"');
    const events = await http().get(`/accusations/${accusation}/events`).expect(200);
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual([
      'AccusationMade',
      'AccusationDenied',
    ]);
    const rebuttalHistory = await http()
      .get(`/statements/${rebuttal.statementId}/events`)
      .expect(200);
    expect(rebuttalHistory.body.events[1].data).toMatchObject({
      previous: { principalId: 'russia' },
      changes: { principalId: 'china' },
    });
  });

  it('refuses an accusation from a statement that is not one, or not on record', async () => {
    const warning = await statement({
      speakerId: 'china',
      kind: 'warning',
      targetIds: ['nato'],
      quote: 'not to provoke conflict',
    });
    const wrongKind = await http()
      .post('/accusations')
      .send({ statementId: warning.statementId, allegation: 'x' })
      .expect(422);
    expect(problem(wrongKind)).toMatchObject({ code: 'not-an-accusation' });
    const missing = await http()
      .post('/accusations')
      .send({ statementId: '00000000-0000-4000-8000-000000000000', allegation: 'x' })
      .expect(422);
    expect(problem(missing)).toMatchObject({ code: 'unknown-statement', field: 'statementId' });
    await http().get('/accusations/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('rewords a proposition with If-Match and refuses stances on unknown propositions', async () => {
    await http()
      .post('/propositions')
      .send({ propositionId: 'nato-threatens-russia', text: 'NATO threatens Russia' })
      .expect(201);
    const stale = await http()
      .post('/propositions/nato-threatens-russia/rewordings')
      .set('If-Match', '"7"')
      .send({ text: 'NATO is a threat to Russia', reason: 'r' })
      .expect(409);
    expect(problem(stale).status).toBe(409);
    const reworded = await http()
      .post('/propositions/nato-threatens-russia/rewordings')
      .set('If-Match', '"1"')
      .send({ text: 'NATO is a very serious threat to Russia', reason: 'the Kremlin’s wording' })
      .expect(200);
    expect(reworded.body).toMatchObject({
      text: 'NATO is a very serious threat to Russia',
      version: 2,
    });
    const unknown = await http()
      .post('/statements')
      .send({
        speakerId: 'russia',
        kind: 'warning',
        quote: 'q',
        saidAt: { precision: 'unknown' },
        source: { sourceId },
        stances: [{ propositionId: 'no-such-claim', stance: 'supports' }],
      })
      .expect(422);
    expect(problem(unknown)).toMatchObject({
      code: 'unknown-proposition',
      field: 'stances[0].propositionId',
    });
  });
});
