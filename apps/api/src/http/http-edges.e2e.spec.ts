import { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventCount, TestDatabase } from '../../../../test/support/database';
import { startTestApi, withKey } from '../../../../test/support/api';

/** What every route shares: malformed bodies, unknown parameters, reading a record as it was. */
describe('HTTP edges (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const http = () => withKey(app);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('answers malformed JSON with the position, line and column of the error', async () => {
    const before = await eventCount(database);
    const body = '{\n  "actorId": "nato",\n  "name": "NATO" "kind": "organisation"\n}';
    const response = await http()
      .post('/actors')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'urn:statement-tracker:problem:malformed-json',
      status: 400,
      position: body.indexOf('"kind"'),
      line: 3,
      column: body.split('\n')[2].indexOf('"kind"') + 1,
    });
    expect(response.body.detail).toMatch(/position \d+ \(line 3, column \d+\)/);
    const truncated = await http()
      .post('/actors')
      .set('Content-Type', 'application/json')
      .send('{"actorId": "nato", "name": ')
      .expect(400);
    expect(truncated.body).toMatchObject({ position: 28, line: 1, column: 29 });
    expect(truncated.body.detail).toMatch(/ends too early/);
    expect(await eventCount(database)).toBe(before);
  });

  it('serves every record as it stood at knownAt, with its version then', async () => {
    await http()
      .post('/actors')
      .send({ actorId: 'nato', name: 'NATO', kind: 'organisation' })
      .expect(201);
    const registered = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await http().post('/actors/nato/aliases').send({ alias: 'the alliance' }).expect(200);
    const now = await http().get('/actors/nato').expect(200);
    expect(now.body).toMatchObject({ aliases: ['the alliance'], version: 2 });
    expect(now.headers.etag).toBe('"2"');
    const then = await http().get('/actors/nato').query({ knownAt: registered }).expect(200);
    expect(then.body).toMatchObject({ aliases: [], version: 1 });
    expect(then.headers.etag).toBe('"1"');
    const before = await http()
      .get('/actors/nato')
      .query({ knownAt: '2000-01-01T00:00:00Z' })
      .expect(404);
    expect(before.body.detail).toBe('actor nato not found as of 2000-01-01T00:00:00.000Z');
    const bad = await http().get('/actors/nato').query({ knownAt: 'yesterday' }).expect(400);
    expect(bad.body.field).toBe('knownAt');
  });

  it.each([
    ['/actors/nato', 'asOf'],
    ['/actors/nato/events', 'knownAt'],
    ['/statements/00000000-0000-4000-8000-000000000000', 'verbose'],
    ['/keys', 'limit'],
    ['/health', 'x'],
  ])('refuses an unknown query parameter on %s (%s) with a 400 naming it', async (path, name) => {
    const response = await http()
      .get(path)
      .query({ [name]: '1' })
      .expect(400);
    expect(response.body.field).toBe(name);
    expect(response.body.detail).toContain(`unknown query parameter "${name}"`);
  });
});
