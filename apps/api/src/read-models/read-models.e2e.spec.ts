/**
 * The query API over HTTP, with the api building its read models in-process from the store
 * feed (PROJECTIONS=feed, the default without Kafka), on real Postgres: the seed story, a
 * statement recorded over HTTP reaching every query, asOf / knownAt, ETags, alert review, and
 * bad parameters refused with problem+json naming the parameter.
 */
import { INestApplication } from '@nestjs/common';
import { seedSampleData } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { readModelsCaughtUp, startTestApi, withKey } from '../../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';

describe('query API (read models from the feed, real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let viewer: string;
  const http = () => withKey(app);
  const problem = (text: string) => JSON.parse(text);

  const caughtUp = () => readModelsCaughtUp(app);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    await seedSampleData(
      new PostgresEventStore(database.dataSource),
      (work) => database.dataSource.transaction(work),
      { userId: 'seed' },
    );
    viewer = (await http().post('/keys').send({ name: 'dashboard', role: 'viewer' }).expect(201))
      .body.key;
    await caughtUp();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('serves the seed story to a viewer: positions, accusation graph, alerts', async () => {
    const positions = await withKey(app, viewer)
      .get('/actors/european-union/positions')
      .expect(200);
    expect(positions.body.positions[0]).toMatchObject({
      propositionId: 'china-enables-russia-war',
      proposition: 'China enables Russia’s war against Ukraine',
      currentStance: 'opposes',
      shifts: [{ saidOn: '2024-07-11', from: 'supports', to: 'opposes' }],
    });
    const graph = await withKey(app, viewer).get('/accusation-graph?actorId=china').expect(200);
    expect(graph.body.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          accuserId: 'nato',
          accusedId: 'china',
          byStatus: expect.objectContaining({ denied: 1 }),
        }),
        expect.objectContaining({
          accuserId: 'united-states',
          accusedId: 'china',
          byStatus: expect.objectContaining({ open: 1 }),
        }),
      ]),
    );
    const denied = await withKey(app, viewer).get('/accusation-graph?status=denied').expect(200);
    expect(denied.body.edges.map((e: { accuserId: string }) => e.accuserId)).toEqual(['nato']);
    // limit=0: the same edges and counts without their allegations (a big network's drawing).
    const counts = await withKey(app, viewer).get('/accusation-graph?limit=0').expect(200);
    const full = await withKey(app, viewer).get('/accusation-graph').expect(200);
    const strip = (edges: Array<Record<string, unknown>>) =>
      edges.map((e) => ({ ...e, allegations: [] }));
    expect(counts.body.nodes).toEqual(full.body.nodes);
    expect(counts.body.edges).toEqual(strip(full.body.edges));
    expect(full.body.edges.every((e: { allegations: unknown[] }) => e.allegations.length > 0)).toBe(
      true,
    );
    const alerts = await withKey(app, viewer).get('/alerts?type=out-of-character').expect(200);
    expect(
      alerts.body.alerts
        .map((a: { reason: string; actorId: string }) => [a.reason, a.actorId])
        .sort(),
    ).toEqual([
      ['attacks-ally', 'russia'],
      ['contradicts-established-position', 'european-union'],
    ]);
    expect(alerts.body.alerts[0].actions.map((a: { action: string }) => a.action)).toEqual([
      'dismiss',
      'correct-attribution',
    ]);
  });

  it('finds what the sample story says about China from a name, with the same numbers everywhere', async () => {
    const viewerHttp = withKey(app, viewer);
    const search = await viewerHttp.get('/actors?q=beij').expect(200);
    expect(search.body.items[0]).toMatchObject({ actorId: 'china', name: 'China' });
    const byAlias = await viewerHttp.get('/actors/beijing').expect(200);
    expect(byAlias.body).toMatchObject({ actorId: 'china' });
    expect(byAlias.headers['content-location']).toBe('/actors/china');

    // China's own statements have no said date: they count from the day the story ran.
    const positions = await viewerHttp.get('/actors/china/positions').expect(200);
    expect(positions.body.positions.length).toBeGreaterThan(0);
    expect(positions.body.positions[0].evidence[0].dateBasis).toBe('reported');
    const relations = await viewerHttp.get('/actors/beijing/relations').expect(200);
    expect(relations.body.counterparts.length).toBeGreaterThan(0);

    // Accusations against China: the timeline, the graph and the statement list agree.
    const timeline = await viewerHttp.get('/actors/china/timeline?kind=accusation&limit=500');
    const againstChina = timeline.body.items.filter((i: { role: string[] }) =>
      i.role.includes('target'),
    ).length;
    const graph = await viewerHttp.get('/accusation-graph?actorId=china').expect(200);
    const inGraph = graph.body.edges
      .filter((e: { accusedId: string }) => e.accusedId === 'china')
      .reduce((n: number, e: { accusations: number }) => n + e.accusations, 0);
    const listed = await viewerHttp.get('/statements?kind=accusation&targetId=china').expect(200);
    expect(againstChina).toBe(3);
    expect({ graph: inGraph, list: listed.body.total }).toEqual({ graph: 3, list: 3 });

    // The alert where China is the target (Russia attacking an ally) is found through China.
    const alerts = await viewerHttp.get('/alerts?actorId=china').expect(200);
    expect(alerts.body.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reason: 'attacks-ally',
          actorId: 'russia',
          details: expect.objectContaining({ targetId: 'china' }),
        }),
      ]),
    );
  });

  it('shows a statement recorded over HTTP in the timeline, positions, relations, accusations and alerts', async () => {
    const source = await http()
      .post('/sources')
      .send({
        url: 'https://news.example/g7-communique',
        publisher: 'Example Wire',
        title: 'G7 communique',
      })
      .expect(201);
    const recorded = await http()
      .post('/statements')
      .send({
        speakerId: 'g7',
        kind: 'accusation',
        targetIds: ['china'],
        quote: 'sanctions evasion on an industrial scale',
        summary: 'The G7 accuses China of helping Russia evade sanctions.',
        saidAt: { date: '2024-06-14', precision: 'day' },
        stances: [{ propositionId: 'china-enables-russia-war', stance: 'supports' }],
        source: { sourceId: source.body.sourceId },
        allegation: 'helping Russia evade sanctions',
      })
      .expect(201);
    const statementId = recorded.body.statementId;
    // The accusation opened with the statement, under its id: a second one is a conflict.
    const opened = await http().get(`/accusations/${statementId}`).expect(200);
    expect(opened.body).toMatchObject({
      accuserId: 'g7',
      accusedIds: ['china'],
      allegation: 'helping Russia evade sanctions',
      derived: false,
    });
    await http().post('/accusations').send({ statementId, allegation: 'again' }).expect(409);
    await caughtUp();

    const timeline = await http().get('/actors/china/timeline?q=sanctions').expect(200);
    expect(timeline.body.items).toEqual([
      expect.objectContaining({ statementId, role: ['target'], kind: 'accusation', mentions: 1 }),
    ]);
    const g7 = await http().get('/actors/g7/positions').expect(200);
    expect(g7.body.positions[0]).toMatchObject({
      propositionId: 'china-enables-russia-war',
      currentStance: 'supports',
    });
    const relations = await http().get('/actors/g7/relations?granularity=week').expect(200);
    expect(relations.body.counterparts).toEqual([
      expect.objectContaining({
        actorId: 'china',
        statements: 1,
        meanGoldstein: -2,
        series: [
          {
            bucket: '2024-06-10',
            statements: 1,
            undated: 0,
            meanGoldstein: -2,
            byKind: { accusation: 1 },
          },
        ],
      }),
    ]);
    const incoming = await http().get('/actors/china/relations?direction=incoming').expect(200);
    expect(incoming.body.counterparts.map((c: { actorId: string }) => c.actorId)).toContain('g7');
    const graph = await http().get('/accusation-graph?actorId=g7').expect(200);
    expect(graph.body.edges).toEqual([
      expect.objectContaining({ accuserId: 'g7', accusedId: 'china', accusations: 1 }),
    ]);

    // A reversal by the G7 raises an alert; withdrawing the statement from the record clears it.
    const reversal = await http()
      .post('/statements')
      .send({
        speakerId: 'g7',
        kind: 'statement',
        targetIds: [],
        summary: 'The G7 says China is not fuelling the war.',
        saidAt: { date: '2024-06-20', precision: 'day' },
        stances: [{ propositionId: 'china-enables-russia-war', stance: 'opposes' }],
        source: { sourceId: source.body.sourceId },
      })
      .expect(201);
    await caughtUp();
    const raised = await http().get('/alerts?actorId=g7').expect(200);
    expect(raised.body.alerts).toEqual([
      expect.objectContaining({
        type: 'stance-reversal',
        evidence: [statementId, reversal.body.statementId],
      }),
    ]);
    await http()
      .post(`/statements/${reversal.body.statementId}/withdrawals`)
      .send({ reason: 'erroneous', note: 'misread the communique' })
      .expect(200);
    await caughtUp();
    expect((await http().get('/alerts?actorId=g7').expect(200)).body.alerts).toEqual([]);
  });

  it('answers as of a said date and as known at a recorded time', async () => {
    const knownAt = new Date().toISOString();
    const before = await http().get('/actors/nato/timeline').expect(200);
    const { statementId } = before.body.items.find(
      (i: { speakerId: string; kind: string }) => i.speakerId === 'nato' && i.kind === 'accusation',
    );
    await http()
      .post(`/statements/${statementId}/corrections`)
      .send({
        changes: { quote: 'a decisive enabler of the war' },
        reason: 'quote trimmed to the source',
      })
      .expect(200);
    await caughtUp();
    const now = await http().get('/actors/nato/timeline').expect(200);
    expect(
      now.body.items.find((i: { statementId: string }) => i.statementId === statementId),
    ).toMatchObject({
      quote: 'a decisive enabler of the war',
      corrections: 1,
    });
    const then = await http()
      .get(`/actors/nato/timeline?knownAt=${encodeURIComponent(knownAt)}`)
      .expect(200);
    expect(
      then.body.items.find((i: { statementId: string }) => i.statementId === statementId),
    ).toMatchObject({
      quote: 'a decisive enabler of the war in Ukraine',
      corrections: 0,
    });
    const early = await http().get('/actors/european-union/positions?asOf=2024-03-01').expect(200);
    expect(early.body.positions[0]).toMatchObject({ currentStance: 'supports', shifts: [] });
  });

  it('pages the timeline with a cursor and answers 304 to a matching If-None-Match', async () => {
    const first = await http().get('/actors/nato/timeline?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await http()
      .get(`/actors/nato/timeline?limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    const all = await http().get('/actors/nato/timeline?limit=500').expect(200);
    expect(
      [...first.body.items, ...second.body.items].map(
        (i: { statementId: string }) => i.statementId,
      ),
    ).toEqual(all.body.items.slice(0, 4).map((i: { statementId: string }) => i.statementId));
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    const again = await http()
      .get('/actors/nato/timeline?limit=2')
      .set('If-None-Match', etag)
      .expect(304);
    expect(again.text).toBe('');
  });

  it('records an analyst’s dismissal, keeps it out of open alerts, and lets it be reopened', async () => {
    const [alert] = (await http().get('/alerts?type=out-of-character').expect(200)).body.alerts;
    await withKey(app, viewer)
      .post(`/alerts/${alert.alertId}/dismissal`)
      .send({ reason: 'checked' })
      .expect(403);
    const dismissed = await http()
      .post(`/alerts/${alert.alertId}/dismissal`)
      .send({ reason: 'Checked against the wire copy: attribution is right.' })
      .expect(200);
    expect(dismissed.body).toMatchObject({ state: 'dismissed', version: 1 });
    expect(
      problem(
        (
          await http()
            .post(`/alerts/${alert.alertId}/dismissal`)
            .send({ reason: 'again' })
            .expect(409)
        ).text,
      ),
    ).toMatchObject({ code: 'already-dismissed' });
    await caughtUp();
    const open = await http().get('/alerts?state=open').expect(200);
    expect(open.body.alerts.map((a: { alertId: string }) => a.alertId)).not.toContain(
      alert.alertId,
    );
    const listed = await http().get('/alerts?state=dismissed').expect(200);
    expect(listed.body.alerts).toEqual([
      expect.objectContaining({
        alertId: alert.alertId,
        state: 'dismissed',
        review: expect.objectContaining({
          reason: 'Checked against the wire copy: attribution is right.',
        }),
      }),
    ]);
    // A dismissed alert offers reopening, not another dismissal.
    expect(listed.body.alerts[0].actions.map((a: { action: string }) => a.action)).toEqual([
      'reopen',
      'correct-attribution',
    ]);
    expect(listed.body.alerts[0].actions[0].href).toBe(`/alerts/${alert.alertId}/reopening`);
    await http()
      .post(`/alerts/${alert.alertId}/reopening`)
      .send({ reason: 'new source' })
      .expect(200);
    await http()
      .post(`/alerts/${'0'.repeat(32)}/dismissal`)
      .send({ reason: 'x' })
      .expect(404);
  });

  it('refuses bad parameters with problem+json naming the parameter, and unknown actors with 404', async () => {
    const cases: Array<[string, string]> = [
      ['/actors/nato/timeline?asOf=2024-13-01', 'asOf'],
      ['/actors/nato/timeline?knownAt=yesterday', 'knownAt'],
      ['/actors/nato/timeline?limit=0', 'limit'],
      ['/actors/nato/timeline?cursor=bogus', 'cursor'],
      ['/actors/nato/timeline?kind=gossip', 'kind'],
      ['/actors/nato/relations?granularity=day', 'granularity'],
      ['/actors/nato/positions?role=owner', 'role'],
      ['/accusation-graph?status=pending', 'status'],
      ['/accusation-graph?limit=501', 'limit'],
      ['/accusation-graph?limit=-1', 'limit'],
      ['/alerts?colour=red', 'colour'],
      // Year 0 has no PostgreSQL date, and 30 February no day: one rule for every parameter.
      ['/actors/nato/timeline?asOf=0000-01-01', 'asOf'],
      ['/actors/nato/positions?asOf=0000-01-01', 'asOf'],
      ['/propositions/china-enables-russia-war/positions?knownAt=0000-06-01T00:00:00Z', 'knownAt'],
      ['/actors/nato/relations?from=0000-01-01', 'from'],
      ['/actors/nato/relations?to=0000-12-31', 'to'],
      ['/accusation-graph?from=0000-01-01', 'from'],
      ['/accusation-graph?to=0000-01-01', 'to'],
      ['/alerts?knownAt=0000-01-01T00:00:00Z', 'knownAt'],
      ['/actors/nato/timeline?knownAt=2024-02-30T00:00:00Z', 'knownAt'],
      ['/actors/nato/timeline?knownAt=2024-07-11T10:00:00%2B23:00', 'knownAt'],
      ['/actors/nato/timeline?q=%00', 'q'],
    ];
    for (const [url, field] of cases) {
      const response = await http().get(url).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(problem(response.text)).toMatchObject({ status: 400, field });
    }
    await http().get('/actors/nobody-at-all/timeline').expect(404);
    await http().get('/propositions/no-such-claim/positions').expect(404);
  });
});
