/**
 * Property-based fuzzing (fast-check) of the api over real HTTP: every POST body, and the path
 * ids, query strings and headers of every endpoint the OpenAPI document (/docs-json) lists.
 * Malformed and hostile input (wrong types, huge strings, odd Unicode, percent-encoded junk,
 * SQL-looking text, deep nesting, repeated and bracketed parameters, garbage credentials)
 * never gets a 5xx; every 4xx is problem+json; a refused request writes nothing (events, API
 * keys, idempotency records); no response echoes an `st_` key the request carried outside its
 * path. FUZZ_RUNS sets the random runs per endpoint (default 300), FUZZ_SEED the seed; fixed
 * hostile samples per endpoint run as well. One JSON summary line is logged at the end.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { startTestApi, TEST_ADMIN_KEY } from '../support/api';
import { createTestDatabase, TestDatabase } from '../support/database';
import {
  authHeaders,
  fieldSamples,
  Headers,
  headerSamples,
  hostileHeaders,
  KNOWN_QUERY_PARAMS,
  mutated,
  pathSamples,
  pathSegment,
  percentEncoded,
  querySamples,
  queryString,
} from '../support/fuzz-arbitraries';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** A well-formed key no one holds, to see whether credentials are echoed. */
const FAKE_KEY = `st_fuzzkey00001_${'F'.repeat(43)}`;
const KEY_SHAPE = /st_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/g;

interface Operation {
  method: string;
  template: string;
  params: string[];
  query: string[];
}
interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body?: string;
  /** The documented path it aims at (for grouping failures). */
  route: string;
}
interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const tally = {
  cases: 0,
  byStatus: {} as Record<string, number>,
  fiveHundreds: 0,
  writesOnRefusal: 0,
};

describe('fuzzing the api', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let port: number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const ids: Record<string, string> = {};
  const operations: Operation[] = [];

  /** One request on the wire exactly as given (no URL normalisation, no header rewriting). */
  function send(sent: Omit<Sent, 'route'>, retry = true): Promise<Received> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { ...sent.headers };
      if (sent.body !== undefined) headers['content-length'] = Buffer.byteLength(sent.body);
      const request = http.request(
        { host: '127.0.0.1', port, method: sent.method, path: sent.url, headers, agent },
        (response) => {
          // A live stream (GET /stream) does not end: its status and headers are the answer.
          if (String(response.headers['content-type']).startsWith('text/event-stream')) {
            resolve({ status: response.statusCode!, headers: response.headers, text: '' });
            request.destroy();
            return;
          }
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode!,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.setTimeout(15_000, () => request.destroy(new Error('no answer within 15 s')));
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server had just closed: the request never reached it.
        if (retry && request.reusedSocket && error.code === 'ECONNRESET')
          send(sent, false).then(resolve, reject);
        else reject(error);
      });
      request.end(sent.body);
    });
  }
  const asAdmin = (method: string, url: string, body?: unknown) =>
    send({
      method,
      url,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((response) => {
      if (response.status >= 300) throw new Error(`${method} ${url}: ${response.text}`);
      return JSON.parse(response.text || 'null');
    });

  /** What a request could write: events, active API keys, stored idempotent responses. */
  const writes = async (): Promise<string> =>
    (
      await database.dataSource.query(
        `SELECT (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM api_keys WHERE revoked_at IS NULL)
                || '/' || (SELECT count(*) FROM idempotency_records) AS w`,
      )
    )[0].w;

  /** The count after the previous case (cases run one at a time; nothing else writes). */
  let lastWrites: string | undefined;

  /** Sends one case and checks the properties; a violation is described in `failures`. */
  async function check(sent: Sent, failures: string[]): Promise<Received | undefined> {
    const before = lastWrites ?? (await writes());
    let response: Received;
    try {
      response = await send(sent);
    } catch (error) {
      lastWrites = undefined;
      failures.push(describeCase(sent, [`no answer: ${(error as Error).message}`]));
      return undefined;
    }
    const after = (lastWrites = await writes());
    tally.cases++;
    tally.byStatus[response.status] = (tally.byStatus[response.status] ?? 0) + 1;
    const problems: string[] = [];
    if (response.status >= 500) {
      tally.fiveHundreds++;
      problems.push(`answered ${response.status}`);
    }
    if (response.status >= 400 && after !== before) {
      tally.writesOnRefusal++;
      problems.push(
        `refused with ${response.status} but wrote (events/keys/idempotency ${before} → ${after})`,
      );
    }
    const type = response.headers['content-type'] ?? '(none)';
    if (response.status >= 400 && !type.startsWith('application/problem+json'))
      problems.push(`${response.status} as ${type}, not application/problem+json`);
    const query = sent.url.includes('?') ? sent.url.slice(sent.url.indexOf('?')) : '';
    const carried = [query, sent.body ?? '', ...Object.values(sent.headers)].join('\n');
    const shown = `${response.text}\n${JSON.stringify(response.headers)}`;
    for (const key of new Set(carried.match(KEY_SHAPE) ?? []))
      if (shown.includes(key) || shown.includes(key.slice(-43)))
        problems.push(`echoed the key ${key.slice(0, 18)}… it was sent`);
    if (problems.length > 0) failures.push(describeCase(sent, problems, response));
    return response;
  }

  beforeAll(async () => {
    database = await createTestDatabase(8);
    app = await startTestApi(database, {
      RATE_LIMIT_PER_MINUTE: '0',
      AUTH_FAILURES_PER_MINUTE: '0',
    });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    for (const actorId of ['china', 'nato', 'russia'])
      await asAdmin('POST', '/actors', { actorId, name: actorId.toUpperCase(), kind: 'state' });
    await asAdmin('POST', '/actors/china/affiliations', {
      affiliationId: 'fuzz-aff',
      organisationId: 'nato',
      role: 'member',
      from: '2020-01-01',
    });
    const source = async (text: string) => {
      const { sourceId } = await asAdmin('POST', '/sources', {
        url: 'https://news.example/a',
        text,
      });
      const { candidates } = await asAdmin('GET', `/sources/${sourceId}/candidates`);
      return [sourceId, candidates[0]?.candidateId ?? '00000000-0000-4000-8000-000000000000'];
    };
    [ids.source, ids.candidate] = await source('China warned NATO not to provoke conflict.');
    // A candidate of its own for the rejection endpoint (acceptance may take the first).
    [ids.rejectSource, ids.rejectCandidate] = await source('Russia accused NATO of aggression.');
    await asAdmin('POST', '/propositions', {
      propositionId: 'nato-provokes',
      text: 'NATO provokes conflict',
    });
    ids.statement = (
      await asAdmin('POST', '/statements', {
        speakerId: 'nato',
        kind: 'accusation',
        targetIds: ['china'],
        quote: 'enabler',
        saidAt: { date: '2024-07-10', precision: 'day' },
        source: { sourceId: ids.source },
      })
    ).statementId;
    // An accusation statement opens its accusation, under the statement's id.
    ids.accusation = ids.statement;
    // A viewer key to present, and a key whose id the revocation endpoint may take.
    ids.viewerKey = (await asAdmin('POST', '/keys', { name: 'viewer', role: 'viewer' })).key;
    ids.keyId = (await asAdmin('POST', '/keys', { name: 'revocable', role: 'viewer' })).keyId;

    const document = await send({ method: 'GET', url: '/docs-json', headers: {} });
    const paths = JSON.parse(document.text).paths as Record<
      string,
      Record<string, { parameters?: Array<{ in: string; name: string }> }>
    >;
    for (const [template, item] of Object.entries(paths))
      for (const [method, operation] of Object.entries(item))
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
          operations.push({
            method: method.toUpperCase(),
            template,
            params: [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]),
            query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          });
    // Routes the document leaves out (see the controllers).
    operations.push({ method: 'GET', template: '/metrics', params: [], query: [] });
    operations.push({ method: 'GET', template: '/docs-json', params: [], query: [] });
  });
  afterAll(async () => {
    console.log(JSON.stringify(tally));
    agent.destroy();
    await app?.close();
    await database?.drop();
  });

  /** Valid ids for a route's path parameters. */
  const validParams = (template: string): Record<string, string> => ({
    actorId: template.endsWith('/merge') ? 'russia' : 'china',
    affiliationId: 'fuzz-aff',
    propositionId: 'nato-provokes',
    statementId: ids.statement,
    accusationId: ids.accusation,
    alertId: '0'.repeat(32),
    keyId: ids.keyId,
    ...(template.endsWith('/rejection')
      ? { sourceId: ids.rejectSource, candidateId: ids.rejectCandidate }
      : { sourceId: ids.source, candidateId: ids.candidate }),
  });
  const fill = (template: string, segments: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => segments[name]);

  /** Valid bodies: the POST-body fuzz mutates them; the other fuzz sends them as they are. */
  const bodies: Array<[string, string, () => Record<string, unknown>]> = [
    [
      'register actor',
      '/actors',
      () => ({
        actorId: 'fuzzed',
        name: 'Fuzzed',
        kind: 'state',
        aliases: ['F'],
        countryCode: 'FZ',
      }),
    ],
    ['add alias', '/actors/{actorId}/aliases', () => ({ alias: 'Beijing' })],
    [
      'add affiliation',
      '/actors/{actorId}/affiliations',
      () => ({
        affiliationId: 'un-member',
        organisationId: 'nato',
        role: 'member',
        from: '2020-01-01',
      }),
    ],
    ['merge actor', '/actors/{actorId}/merge', () => ({ into: 'china', reason: 'fuzz' })],
    [
      'register source',
      '/sources',
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
      '/statements',
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
      '/statements/{statementId}/corrections',
      () => ({ changes: { confidence: 0.4 }, reason: 'fuzz' }),
    ],
    [
      'retract statement',
      '/statements/{statementId}/retractions',
      () => ({ retractedOn: '2024-07-12', sourceId: ids.source }),
    ],
    [
      'withdraw statement',
      '/statements/{statementId}/withdrawals',
      () => ({ reason: 'erroneous', note: 'fuzz' }),
    ],
    [
      'add mention',
      '/statements/{statementId}/mentions',
      () => ({ sourceId: ids.source, span: { start: 1, end: 4 } }),
    ],
    [
      'take stance',
      '/statements/{statementId}/stances',
      () => ({ propositionId: 'nato-provokes', stance: 'supports' }),
    ],
    ['make accusation', '/accusations', () => ({ statementId: ids.statement, allegation: 'fuzz' })],
    [
      'respond to accusation',
      '/accusations/{accusationId}/responses',
      () => ({ statementId: ids.statement, response: 'denial' }),
    ],
    [
      'define proposition',
      '/propositions',
      () => ({ propositionId: 'fuzz-claim', text: 'A claim', tags: ['t'] }),
    ],
    [
      'reword proposition',
      '/propositions/{propositionId}/rewordings',
      () => ({ text: 'NATO stokes conflict', reason: 'fuzz' }),
    ],
    ['create key', '/keys', () => ({ name: 'fuzz', role: 'viewer' })],
  ];
  const otherBodies: Record<string, Record<string, unknown>> = {
    '/actors/{actorId}/affiliations/{affiliationId}/end': { to: '2024-01-01' },
    '/sources/{sourceId}/candidates/{candidateId}/rejection': { reason: 'fuzz' },
    '/alerts/{alertId}/dismissal': { reason: 'fuzz' },
    '/alerts/{alertId}/reopening': { reason: 'fuzz' },
  };
  const validBody = (template: string) =>
    JSON.stringify(
      bodies.find(([, route]) => route === template)?.[2]() ?? otherBodies[template] ?? {},
    );

  describe('POST bodies', () => {
    it.each(bodies)(
      '%s: never a 5xx, and nothing written when refused',
      async (_name, template, valid) => {
        const failures: string[] = [];
        const url = fill(template, validParams(template));
        await fc.assert(
          fc.asyncProperty(mutated(valid()), async (body) => {
            await check({ method: 'POST', url, route: template, headers: admin(), body }, failures);
          }),
          { numRuns: RUNS, seed: SEED, examples: fieldSamples(valid()).map((body) => [body]) },
        );
        expect(summarise(failures)).toEqual([]);
      },
    );

    it('never answers malformed JSON text with a 5xx', async () => {
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 200 }), async (body) => {
          const response = await check(
            { method: 'POST', url: '/statements', route: '/statements', headers: admin(), body },
            failures,
          );
          return response !== undefined && response.status >= 400 && response.status < 500;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(summarise(failures)).toEqual([]);
    });
  });

  describe('path ids, query strings and headers on every endpoint', () => {
    const keys = () => [FAKE_KEY, TEST_ADMIN_KEY, ids.viewerKey];
    const valueIds = () => ['china', 'nato', 'russia', 'nato-provokes', ids.statement, ids.source];

    function build(
      op: Operation,
      segments: Record<string, string>,
      query: string,
      hostile: Headers = {},
      auth: Headers = { authorization: `Bearer ${TEST_ADMIN_KEY}` },
    ): Sent {
      const bodied =
        op.method === 'POST' || 'content-type' in hostile || 'content-encoding' in hostile;
      return {
        method: op.method,
        url: fill(op.template, segments) + (query ? `?${query}` : ''),
        route: op.template,
        headers: {
          ...auth,
          ...(op.method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...hostile,
        },
        body: bodied ? validBody(op.template) : undefined,
      };
    }

    /** The fixed hostile cases for one operation (near-miss ids first: some ids work once). */
    function samples(op: Operation): Sent[] {
      const valid = validParams(op.template);
      const good = Object.fromEntries(op.params.map((p) => [p, percentEncoded(valid[p])]));
      const list: Sent[] = [];
      const perParam = op.params.map((p) => pathSamples(valid[p]));
      for (let i = 0; i < (perParam[0]?.length ?? 0); i++) {
        if (op.params.length > 1)
          list.push(
            build(op, Object.fromEntries(op.params.map((p, j) => [p, perParam[j][i]])), ''),
          );
        op.params.forEach((p, j) => list.push(build(op, { ...good, [p]: perParam[j][i] }, '')));
      }
      if (op.params.length > 0)
        list.push(build(op, { ...good, [op.params[0]]: 'a/b' }, `api_key=${FAKE_KEY}`));
      for (const query of querySamples(op.query, keys())) list.push(build(op, good, query));
      for (const headers of headerSamples(keys())) list.push(build(op, good, '', headers));
      return list;
    }

    function cases(op: Operation): fc.Arbitrary<Sent> {
      const valid = validParams(op.template);
      const good = Object.fromEntries(op.params.map((p) => [p, percentEncoded(valid[p])]));
      const segments: fc.Arbitrary<Record<string, string>> =
        op.params.length === 0
          ? fc.constant(good)
          : fc.record(Object.fromEntries(op.params.map((p) => [p, pathSegment(valid[p])])));
      const names = [...new Set([...op.query, ...KNOWN_QUERY_PARAMS])];
      const query = queryString(names, valueIds(), keys());
      const headers = hostileHeaders(keys());
      const auth = authHeaders(TEST_ADMIN_KEY, [FAKE_KEY, ids.viewerKey]);
      return fc.oneof(
        { arbitrary: segments.map((s) => build(op, s, '')), weight: op.params.length ? 2 : 0 },
        { arbitrary: query.map((q) => build(op, good, q)), weight: 3 },
        { arbitrary: headers.map((h) => build(op, good, '', h)), weight: 2 },
        {
          arbitrary: fc.tuple(query, auth).map(([q, a]) => build(op, good, q, {}, a)),
          weight: 1,
        },
        {
          arbitrary: fc
            .tuple(segments, query, headers, auth)
            .map(([s, q, h, a]) => build(op, s, q, h, a)),
          weight: 1,
        },
      );
    }

    it('finds the endpoints in the OpenAPI document', () => {
      const listed = operations.map((op) => `${op.method} ${op.template}`);
      expect(listed).toEqual(
        expect.arrayContaining([
          'GET /actors/{actorId}/timeline',
          'POST /statements/{statementId}/corrections',
          'DELETE /keys/{keyId}',
          'GET /alerts',
          'POST /sources/{sourceId}/candidates/{candidateId}/rejection',
        ]),
      );
      expect(operations.length).toBeGreaterThanOrEqual(40);
    });

    const GROUPS = ['actors', 'sources', 'statements', 'accusations', 'propositions'];
    const group = (op: Operation) => {
      const first = op.template.split('/')[1];
      return GROUPS.includes(first) ? first : 'everything else';
    };
    it.each([...GROUPS, 'everything else'])(
      '%s: never a 5xx, problem+json refusals that write nothing, no key echoed',
      async (name) => {
        const failures: string[] = [];
        for (const op of operations.filter((o) => group(o) === name)) {
          for (const sent of samples(op)) await check(sent, failures);
          await fc.assert(
            fc.asyncProperty(cases(op), async (sent) => {
              await check(sent, failures);
            }),
            { numRuns: RUNS, seed: SEED },
          );
        }
        expect(summarise(failures)).toEqual([]);
      },
      900_000,
    );
  });
});

const admin = (): Headers => ({
  authorization: `Bearer ${TEST_ADMIN_KEY}`,
  'content-type': 'application/json',
});

function describeCase(sent: Sent, problems: string[], response?: Received): string {
  const cut = (text: string, max: number) =>
    text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  return [
    `${problems.join('; ')} [${sent.method} ${sent.route}] (FUZZ_SEED=${SEED})`,
    `  ${sent.method} ${cut(sent.url, 400)}`,
    `  headers: ${cut(JSON.stringify(sent.headers), 600)}`,
    ...(sent.body === undefined ? [] : [`  body: ${cut(sent.body, 300)}`]),
    ...(response ? [`  → ${response.status} ${cut(response.text, 300)}`] : []),
  ].join('\n');
}

/** The first failure of each kind per route, and how many more there were. */
function summarise(failures: string[]): string[] {
  const seen = new Map<string, { first: string; count: number }>();
  for (const failure of failures) {
    const kind = failure
      .split('\n')[0]
      .replace(/\d{3}/g, 'NNN')
      .replace(/\(events.*?\)/, '');
    const entry = seen.get(kind);
    if (entry) entry.count++;
    else seen.set(kind, { first: failure, count: 1 });
  }
  return [...seen.values()].map(({ first, count }) =>
    count > 1 ? `${first}\n  (and ${count - 1} more like it)` : first,
  );
}
