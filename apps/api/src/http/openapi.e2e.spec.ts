import { INestApplication } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { startTestApi, TEST_ADMIN_KEY } from '../../../../test/support/api';

type Operation = {
  summary?: string;
  parameters?: Array<{ in: string; name: string; schema?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  security?: unknown[];
};

/**
 * The OpenAPI document against the running api: complete enough to generate a client, and
 * every real answer (success or problem) valid against the schema it documents for that
 * status — so the document cannot drift from the code.
 */
describe('OpenAPI document (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, any> };
  };
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const checked = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    ajv.addSchema(document, 'api');
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );

  /** The documented operation a concrete request path belongs to. */
  function operationOf(method: string, url: string) {
    const path = url.split('?')[0];
    for (const [template, methods] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (pattern.test(path) && methods[method]) return { template, operation: methods[method] };
    }
    throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
  }

  /** Sends a request and checks its answer against the documented schema for its status. */
  async function call(
    method: 'get' | 'post' | 'delete',
    url: string,
    body?: unknown,
    key: string | null = TEST_ADMIN_KEY,
  ): Promise<request.Response> {
    let test = request(app.getHttpServer())[method](url);
    if (key) test = test.set('Authorization', `Bearer ${key}`);
    const response = body === undefined ? await test : await test.send(body as object);
    const { template, operation } = operationOf(method, url);
    const documented = operation.responses[String(response.status)];
    if (!documented)
      throw new Error(
        `${method.toUpperCase()} ${template} answered ${response.status}, which it does not document`,
      );
    checked.add(`${method} ${template} ${response.status}`);
    if (response.status === 204 || response.status === 304) return response;
    const type = String(response.headers['content-type']).split(';')[0];
    const content = documented.content?.[type];
    if (!content)
      throw new Error(`${method.toUpperCase()} ${template} ${response.status}: no ${type} schema`);
    const validate = ajv.compile({ $ref: refOf(content.schema) });
    // Text bodies (server-sent events, CSV, JSON lines) are documented as strings.
    const textual = type.startsWith('text/') || type === 'application/x-ndjson';
    const answered = textual
      ? (response.text ?? Buffer.from(response.body as Buffer).toString('utf8'))
      : response.body;
    if (!validate(answered))
      throw new Error(
        `${method.toUpperCase()} ${url} ${response.status} does not match its schema: ${ajv.errorsText(
          validate.errors,
        )}\n${JSON.stringify(response.body).slice(0, 800)}`,
      );
    return response;
  }

  /** A schema the document holds, as a reference ajv can resolve. */
  function refOf(schema: unknown): string {
    const ref = (schema as { $ref?: string }).$ref;
    if (ref) return `api${ref}`;
    const name = `inline${checked.size}_${Math.random().toString(36).slice(2)}`;
    ajv.addSchema(schema as object, name);
    return name;
  }

  it('describes every operation: summary, responses with schemas, typed parameters', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.schemas).length).toBeGreaterThan(30);
    expect(document.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    expect(document.components.securitySchemes.bearer.bearerFormat).not.toBe('JWT');
    const problems: string[] = [];
    for (const { path, method, operation } of operations()) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!operation.summary) problems.push(`${name}: no summary`);
      const success = Object.keys(operation.responses).filter((s) => /^2/.test(s));
      if (success.length === 0) problems.push(`${name}: no 2xx response`);
      for (const status of success)
        if (status !== '204' && !operation.responses[status].content)
          problems.push(`${name} ${status}: no body schema`);
      for (const [status, response] of Object.entries(operation.responses))
        if (/^[45]/.test(status) && !response.content?.['application/problem+json'])
          if (!(['/health', '/health/ready'].includes(path) && status === '503'))
            problems.push(`${name} ${status}: no problem+json schema`);
      if (!operation.responses['400']) problems.push(`${name}: no 400`);
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query' && !parameter.schema?.type)
          problems.push(`${name} ?${parameter.name}: untyped`);
        if (parameter.name === 'Idempotency-Key' && method !== 'post')
          problems.push(`${name}: Idempotency-Key on a ${method.toUpperCase()}`);
      }
      if (
        method === 'post' &&
        !(operation.parameters ?? []).some((p) => p.name === 'Idempotency-Key')
      )
        problems.push(`${name}: POST without Idempotency-Key`);
      const publicRoute = Array.isArray(operation.security) && operation.security.length === 0;
      if (!publicRoute && !operation.responses['401']) problems.push(`${name}: no 401`);
    }
    expect(problems).toEqual([]);
  });

  it('answers every route with bodies its schemas accept, errors included', async () => {
    await call('get', '/health', undefined, null);
    await call('get', '/health/details');
    const live = await call('get', '/health/live', undefined, null);
    expect(live.body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    const ready = await call('get', '/health/ready', undefined, null);
    expect([ready.status, ready.body.status, ready.body.migrations.pending]).toEqual([
      200,
      'ready',
      [],
    ]);
    for (const actor of [
      { actorId: 'nato', name: 'NATO', kind: 'organisation', aliases: ['the alliance'] },
      { actorId: 'russia', name: 'Russia', kind: 'state', countryCode: 'RU' },
      { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body' },
      { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' },
      { actorId: 'moscow-dup', name: 'Moskva', kind: 'state' },
    ])
      expect((await call('post', '/actors', actor)).status).toBe(201);
    await call('post', '/actors/dmitry-peskov/aliases', { alias: 'Peskov' });
    await call('post', '/actors/dmitry-peskov/affiliations', {
      affiliationId: 'kremlin-spokesman',
      organisationId: 'kremlin',
      role: 'spokesman',
      from: '2012-05-22',
    });
    await call('post', '/actors/dmitry-peskov/affiliations/kremlin-spokesman/end', {
      to: '2040-01-01',
    });
    await call('post', '/actors/moscow-dup/merge', { into: 'russia', reason: 'same state' });
    await call('get', '/actors/dmitry-peskov');
    await call('get', `/actors/dmitry-peskov?knownAt=${new Date().toISOString()}`);
    await call('get', '/actors/dmitry-peskov/events');
    expect((await call('get', '/actors/nobody')).status).toBe(404);
    expect((await call('post', '/actors', { actorId: 'x', name: 1, kind: 'state' })).status).toBe(
      400,
    );
    expect((await call('get', '/actors/nato', undefined, null)).status).toBe(401);

    await call('post', '/propositions', {
      propositionId: 'nato-expansion-threatens-russia',
      text: 'NATO expansion threatens Russia',
    });
    await call('post', '/propositions/nato-expansion-threatens-russia/rewordings', {
      text: 'NATO’s expansion threatens Russia',
      reason: 'wording',
    });
    await call('get', '/propositions/nato-expansion-threatens-russia');
    await call('get', '/propositions/nato-expansion-threatens-russia/events');

    const text =
      'Kremlin spokesman Dmitry Peskov said Russia would respond to NATO. "We will take measures," Peskov said.';
    const source = await call('post', '/sources', {
      url: 'https://news.example/peskov',
      publisher: 'Example Post',
      title: 'Kremlin warns',
      publishedAt: '2024-07-11T12:00:00Z',
      text,
    });
    expect(source.status).toBe(201);
    const sourceId = source.body.sourceId as string;
    expect((await call('post', '/sources', { text })).status).toBe(200);
    await call('get', `/sources/${sourceId}`);
    await call('get', `/sources/${sourceId}/events`);
    const candidates = await call('get', `/sources/${sourceId}/candidates`);
    const pending = (candidates.body.candidates as Array<{ candidateId: string; status: string }>)
      .filter((c) => c.status === 'proposed')
      .map((c) => c.candidateId);
    // A candidate to reject and one to accept when the extractor found two; unknown ids
    // (404) otherwise, so that both routes are exercised either way.
    const unknownId = '00000000-0000-4000-8000-000000000000';
    await call('post', `/sources/${sourceId}/candidates/${pending[0] ?? unknownId}/rejection`, {
      reason: 'test',
    });
    await call('post', `/sources/${sourceId}/candidates/${pending[1] ?? unknownId}/acceptance`, {});

    const statement = (body: Record<string, unknown>) =>
      call('post', '/statements', {
        speakerId: 'dmitry-peskov',
        principalId: 'russia',
        targetIds: ['nato'],
        saidAt: { date: '2024-07-11', precision: 'day' },
        source: { sourceId },
        ...body,
      });
    const warning = await statement({
      kind: 'warning',
      quote: 'We will take measures',
      stances: [{ propositionId: 'nato-expansion-threatens-russia', stance: 'supports' }],
    });
    expect(warning.status).toBe(201);
    // Without targets it opens no accusation of its own: one is made by hand below.
    const accusing = await statement({
      kind: 'accusation',
      targetIds: [],
      summary: 'Accused NATO of escalation',
    });
    const opening = await statement({ kind: 'accusation', summary: 'Accused NATO of lying' });
    const denial = await call('post', '/statements', {
      speakerId: 'nato',
      kind: 'denial',
      targetIds: ['russia'],
      saidAt: { date: '2024-07-12', precision: 'day' },
      source: { sourceId },
      summary: 'NATO denied it',
    });
    const id = warning.body.statementId as string;
    await call('get', `/statements/${id}`);
    await call('get', `/statements/${id}/events`);
    await call('post', `/statements/${id}/corrections`, {
      changes: { quote: 'We will take response measures' },
      reason: 'transcript',
    });
    await call('post', `/statements/${id}/mentions`, { sourceId, span: { start: 0, end: 10 } });
    await call('post', `/statements/${accusing.body.statementId}/stances`, {
      propositionId: 'nato-expansion-threatens-russia',
      stance: 'supports',
    });
    expect(
      (
        await request(app.getHttpServer())
          .post(`/statements/${id}/retractions`)
          .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
          .set('If-Match', '"1"')
          .send({ retractedOn: '2024-07-13', sourceId })
      ).status,
    ).toBe(409);
    await call('post', `/statements/${id}/retractions`, { retractedOn: '2024-07-13', sourceId });
    const extra = await statement({ kind: 'warning', summary: 'duplicate' });
    await call('post', `/statements/${extra.body.statementId}/withdrawals`, {
      reason: 'duplicate',
      duplicateOf: id,
    });
    expect(
      (await statement({ kind: 'warning', summary: 'x', targetIds: ['nobody-on-record'] })).status,
    ).toBe(422);

    const accusation = await call('post', '/accusations', {
      statementId: accusing.body.statementId,
      accusedIds: ['nato'],
      allegation: 'escalation',
    });
    expect(accusation.status).toBe(201);
    const again = await call('post', '/accusations', {
      statementId: opening.body.statementId,
      allegation: 'lying',
    });
    expect(again.status).toBe(409);
    await call('post', `/accusations/${accusation.body.accusationId}/responses`, {
      statementId: denial.body.statementId,
      response: 'denial',
    });
    await call('get', `/accusations/${accusation.body.accusationId}`);
    await call('get', `/accusations/${accusation.body.accusationId}/events`);

    // The read models catch up with the feed in-process.
    for (let i = 0; i < 100; i++) {
      const timeline = await call('get', '/actors/dmitry-peskov/timeline');
      if (timeline.body.items.length >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await call('get', '/actors/russia/positions');
    await call('get', '/actors/russia/positions?role=speaker&asOf=2024-12-31');
    await call('get', '/propositions/nato-expansion-threatens-russia/positions');
    await call('get', '/actors/russia/relations?granularity=week');
    // Search and lists; an alias in the path answers the actor it names.
    const found = await call('get', '/actors?q=the%20allian');
    expect(found.body.items.map((a: { actorId: string }) => a.actorId)).toEqual(['nato']);
    await call('get', '/actors?kind=state&limit=2');
    const byAlias = await call('get', '/actors/the-alliance');
    expect([byAlias.body.actorId, byAlias.headers['content-location']]).toEqual([
      'nato',
      '/actors/nato',
    ]);
    await call('get', '/actors/the-alliance/timeline?limit=1');
    await call('get', '/statements');
    await call('get', '/statements?kind=statement&speakerId=russia&limit=1');
    expect((await call('get', '/statements?cursor=bad')).status).toBe(400);
    // Several statuses at once (any of them); each must be a known one, named if not.
    const gone = await call('get', '/statements?status=retracted,withdrawn&limit=50');
    for (const item of gone.body.items as { status: string }[])
      expect(['retracted', 'withdrawn']).toContain(item.status);
    const lost = await call('get', '/statements?status=retracted,lost');
    expect([lost.status, lost.body.field]).toEqual([400, 'status']);
    expect((await call('get', '/statements?speakerId=atlantis')).status).toBe(404);
    await call('get', '/propositions?q=nato');
    await call('get', '/sources?q=news&from=2024-01-01');
    await call('get', '/actors/dmitry-peskov/timeline?limit=1');
    await call('get', '/accusation-graph');
    const alerts = await call('get', '/alerts');
    const alertId = alerts.body.alerts[0]?.alertId ?? '0'.repeat(32);
    await call('post', `/alerts/${alertId}/dismissal`, { reason: 'seen' });
    await call('post', `/alerts/${alertId}/reopening`, { reason: 'look again' });
    expect((await call('get', '/actors/dmitry-peskov/timeline?limit=abc')).status).toBe(400);
    expect((await call('get', '/accusation-graph?colour=red')).status).toBe(400);

    const key = await call('post', '/keys', { name: 'reader', role: 'viewer' });
    expect(key.status).toBe(201);
    await call('get', '/keys');
    const self = await call('get', '/keys/current', undefined, key.body.key);
    expect(self.body).toEqual({
      keyId: key.body.keyId,
      name: 'reader',
      role: 'viewer',
      permissions: ['read'],
    });
    expect((await call('get', '/keys/current')).body.permissions).toEqual([
      'read',
      'write',
      'audit',
      'admin',
    ]);
    expect((await call('delete', `/keys/${key.body.keyId}`)).status).toBe(204);
    expect((await call('delete', `/keys/${key.body.keyId}`)).status).toBe(404);
    const stream = await call('get', '/stream?timeout=1&actorId=Peskov');
    expect(stream.text).toMatch(/^retry: 1000\n: following dmitry-peskov/);
    expect((await call('get', '/stream?lastEventId=not-an-id')).status).toBe(400);
    await call('post', '/audit/seal', {});
    await call('get', '/audit/verify');
    const trail = await call('get', '/audit/changes?from=2000-01-01T00:00:00Z&limit=5');
    expect(trail.body.items).toHaveLength(5);
    await call('get', `/audit/changes?from=2000-01-01T00:00:00Z&cursor=${trail.body.nextCursor}`);
    expect((await call('get', '/audit/changes')).status).toBe(400);
    expect((await call('get', '/export?format=csv')).text).toMatch(/^GLOBALEVENTID,/);
    await call('get', '/export?format=plover&asOf=2024-07-12');
    await call('get', '/export');
    expect((await call('get', '/export?format=xml')).status).toBe(400);

    // Every documented operation was exercised at least once.
    const exercised = new Set([...checked].map((c) => c.split(' ').slice(0, 2).join(' ')));
    const missing = operations()
      .map(({ path, method }) => `${method} ${path}`)
      .filter((op) => !exercised.has(op));
    expect(missing).toEqual([]);
  });
});
