/**
 * Property-based fuzzing of every POST body (fast-check): malformed and hostile input
 * (wrong types, huge strings, odd Unicode, SQL-looking text, deep nesting) never gets a 5xx,
 * and a rejected request writes no event. FUZZ_RUNS sets the runs per endpoint (default 300).
 */
import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { startTestApi, withKey } from '../support/api';
import { createTestDatabase, eventCount as countEvents, TestDatabase } from '../support/database';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const hostileString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    '\u0000',
    '\u202e\u202d',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂',
    'ｃｈｉｎａ',
    '../../etc/passwd',
    '%00',
    '$(rm -rf /)',
    '{"__proto__":{"polluted":true}}',
    'st_aaaaaaaaaaaa_',
    '2024-02-30',
    '9999-99-99T99:99:99Z',
    'Q0',
    ' ',
  ),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
})).value;
/** JSON text nested `depth` levels deep (as text: fast-check need not print a deep value). */
const deepNest = fc.integer({ min: 50, max: 3_000 }).map((depth) => {
  const opens = Array.from({ length: depth }, (_, i) => (i % 2 ? '{"a":' : '[')).join('');
  const closes = Array.from({ length: depth }, (_, i) => (i % 2 ? '}' : ']'))
    .reverse()
    .join('');
  return `${opens}"bottom"${closes}`;
});

/** A valid body (as JSON text) with one field hostile, missing or extra, or no valid body at all. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const fields = Object.keys(valid);
  const json = (value: unknown) => JSON.stringify(value) ?? 'null';
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...fields), hostileValue)
      .map(([field, value]) => json({ ...valid, [field]: value })),
    fc
      .tuple(fc.constantFrom(...fields), deepNest)
      .map(([field, nest]) => json({ ...valid, [field]: '__DEEP__' }).replace('"__DEEP__"', nest)),
    fc.constantFrom(...fields).map((field) => {
      const copy = { ...valid };
      delete copy[field];
      return json(copy);
    }),
    fc
      .tuple(hostileString, hostileValue)
      .map(([field, value]) => json({ ...valid, [field || 'extra']: value })),
    hostileValue.map(json),
    deepNest,
  );
}

describe('fuzzed POST bodies', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const ids: Record<string, string> = {};
  const http = () => withKey(app);
  const eventCount = () => countEvents(database);

  beforeAll(async () => {
    database = await createTestDatabase(8);
    app = await startTestApi(database, { RATE_LIMIT_PER_MINUTE: '0' });
    for (const actorId of ['china', 'nato', 'russia'])
      await http()
        .post('/actors')
        .send({ actorId, name: actorId.toUpperCase(), kind: 'state' })
        .expect(201);
    ids.source = (
      await http()
        .post('/sources')
        .send({ url: 'https://news.example/a', text: 'China warned NATO not to provoke conflict.' })
        .expect(201)
    ).body.sourceId;
    await http()
      .post('/propositions')
      .send({ propositionId: 'nato-provokes', text: 'NATO provokes conflict' })
      .expect(201);
    ids.statement = (
      await http()
        .post('/statements')
        .send({
          speakerId: 'nato',
          kind: 'accusation',
          targetIds: ['china'],
          quote: 'enabler',
          saidAt: { date: '2024-07-10', precision: 'day' },
          source: { sourceId: ids.source },
        })
        .expect(201)
    ).body.statementId;
    ids.accusation = (
      await http()
        .post('/accusations')
        .send({ statementId: ids.statement, allegation: 'enabling' })
        .expect(201)
    ).body.accusationId;
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const endpoints: Array<[string, () => string, () => Record<string, unknown>]> = [
    [
      'register actor',
      () => '/actors',
      () => ({
        actorId: 'fuzzed',
        name: 'Fuzzed',
        kind: 'state',
        aliases: ['F'],
        countryCode: 'FZ',
      }),
    ],
    ['add alias', () => '/actors/china/aliases', () => ({ alias: 'Beijing' })],
    [
      'add affiliation',
      () => '/actors/china/affiliations',
      () => ({
        affiliationId: 'un-member',
        organisationId: 'nato',
        role: 'member',
        from: '2020-01-01',
      }),
    ],
    ['merge actor', () => '/actors/russia/merge', () => ({ into: 'china', reason: 'fuzz' })],
    [
      'register source',
      () => '/sources',
      () => ({
        url: 'https://news.example/b',
        publisher: 'P',
        title: 'T',
        publishedAt: '2024-07-11T00:00:00Z',
        text: 'body',
      }),
    ],
    [
      'record statement',
      () => '/statements',
      () => ({
        speakerId: 'china',
        kind: 'warning',
        targetIds: ['nato'],
        quote: 'q',
        saidAt: { date: '2024-07-11', precision: 'day' },
        source: { sourceId: ids.source, span: { start: 0, end: 5 } },
        confidence: 0.5,
      }),
    ],
    [
      'correct statement',
      () => `/statements/${ids.statement}/corrections`,
      () => ({ changes: { confidence: 0.4 }, reason: 'fuzz' }),
    ],
    [
      'retract statement',
      () => `/statements/${ids.statement}/retractions`,
      () => ({ retractedOn: '2024-07-12', sourceId: ids.source }),
    ],
    [
      'withdraw statement',
      () => `/statements/${ids.statement}/withdrawals`,
      () => ({ reason: 'erroneous', note: 'fuzz' }),
    ],
    [
      'add mention',
      () => `/statements/${ids.statement}/mentions`,
      () => ({ sourceId: ids.source, span: { start: 1, end: 4 } }),
    ],
    [
      'take stance',
      () => `/statements/${ids.statement}/stances`,
      () => ({ propositionId: 'nato-provokes', stance: 'supports' }),
    ],
    [
      'make accusation',
      () => '/accusations',
      () => ({ statementId: ids.statement, allegation: 'fuzz' }),
    ],
    [
      'respond to accusation',
      () => `/accusations/${ids.accusation}/responses`,
      () => ({ statementId: ids.statement, response: 'denial' }),
    ],
    [
      'define proposition',
      () => '/propositions',
      () => ({ propositionId: 'fuzz-claim', text: 'A claim', tags: ['t'] }),
    ],
    [
      'reword proposition',
      () => '/propositions/nato-provokes/rewordings',
      () => ({ text: 'NATO stokes conflict', reason: 'fuzz' }),
    ],
    ['create key', () => '/keys', () => ({ name: 'fuzz', role: 'viewer' })],
  ];

  it.each(endpoints)(
    '%s: never a 5xx, and nothing written when refused',
    async (_name, path, valid) => {
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(mutated(valid()), async (body) => {
          const before = await eventCount();
          const response = await http()
            .post(path())
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
          const after = await eventCount();
          if (response.status >= 500)
            failures.push(
              `${response.status} for ${JSON.stringify(body).slice(0, 200)}: ${response.text.slice(0, 200)}`,
            );
          if (response.status >= 400 && after !== before)
            failures.push(`${response.status} but ${after - before} events written`);
          if (response.status >= 400)
            expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
          return failures.length === 0;
        }),
        { numRuns: RUNS },
      );
      expect(failures).toEqual([]);
    },
  );

  it('never answers malformed JSON text with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const response = await http()
          .post('/statements')
          .set('Content-Type', 'application/json')
          .send(text);
        return response.status >= 400 && response.status < 500;
      }),
      { numRuns: RUNS },
    );
  });
});
