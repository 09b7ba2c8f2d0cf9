/**
 * Article ingestion over HTTP on real Postgres: post an article, review what the extractor
 * proposed, accept and reject; the same text again creates nothing; a second article quoting
 * the same words becomes a new mention of the statement on record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import {
  createTestDatabase,
  eventCount as countEvents,
  TestDatabase,
} from '../../../../test/support/database';
import { startTestApi, withKey } from '../../../../test/support/api';

const ARTICLE = readFileSync(
  join(__dirname, '../../../../test/fixtures/articles/summit-week.txt'),
  'utf8',
);

interface CandidateView {
  candidateId: string;
  status: string;
  speaker: { id: string; name: string; proposed: boolean };
  principal: { id: string } | null;
  kind: string;
  targets: Array<{ id: string }>;
  quote: string | null;
  text: string;
  span: { start: number; end: number };
}

describe('article ingestion over HTTP (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const http = () => withKey(app);
  const eventCount = () => countEvents(database);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    for (const actor of [
      { actorId: 'nato', name: 'NATO', kind: 'organisation', aliases: ['the alliance'] },
      { actorId: 'china', name: 'China', kind: 'state', aliases: ['Beijing'] },
      { actorId: 'russia', name: 'Russia', kind: 'state', aliases: ['Moscow'] },
      { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body' },
      { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person', aliases: ['Peskov'] },
    ])
      await http().post('/actors').send(actor).expect(201);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const post = (text: string, publishedAt = '2024-07-11T12:00:00Z') =>
    http().post('/sources').send({ url: 'https://news.example/summit', publishedAt, text });
  const candidatesOf = async (sourceId: string): Promise<CandidateView[]> =>
    (await http().get(`/sources/${sourceId}/candidates`).expect(200)).body.candidates;

  let sourceId: string;
  let peskov: CandidateView;
  let statementId: string;

  it('proposes the statements it finds in a posted article, for review', async () => {
    const posted = await post(ARTICLE).expect(201);
    sourceId = posted.body.sourceId;
    expect(posted.body.candidates.proposed).toBeGreaterThan(8);
    const candidates = await candidatesOf(sourceId);
    expect(candidates.every((c) => c.status === 'proposed')).toBe(true);
    const find = (speaker: string, kind: string) =>
      candidates.filter((c) => c.speaker.id === speaker && c.kind === kind);
    expect(find('nato', 'accusation')[0].targets.map((t) => t.id)).toEqual(['china']);
    expect(find('china', 'warning')).toHaveLength(1);
    expect(find('china', 'denial')).toHaveLength(1);
    const peskovs = find('dmitry-peskov', 'statement');
    expect(peskovs).toHaveLength(2);
    expect(peskovs.every((c) => c.principal?.id === 'russia')).toBe(true);
    peskov = peskovs[0];
    expect(peskov.text).toBe(ARTICLE.slice(peskov.span.start, peskov.span.end));
    expect(peskov.quote).toContain('countermeasures');
  });

  it('records an accepted candidate as a statement with the extractor as provenance', async () => {
    const accepted = await http()
      .post(`/sources/${sourceId}/candidates/${peskov.candidateId}/acceptance`)
      .send({})
      .expect(201);
    expect(accepted.body).toMatchObject({ candidateId: peskov.candidateId, as: 'recorded' });
    statementId = accepted.body.statementId;
    const statement = await http().get(`/statements/${statementId}`).expect(200);
    expect(statement.body).toMatchObject({
      speakerId: 'dmitry-peskov',
      principalId: 'russia',
      kind: 'statement',
      targetIds: ['nato'],
      provenance: { method: 'extractor', extractor: 'statement-tracker-rules' },
      saidAt: { date: '2024-07-11', precision: 'day' },
    });
    expect(statement.body.mentions[0]).toMatchObject({ sourceId, span: peskov.span });
    const after = await candidatesOf(sourceId);
    expect(after.find((c) => c.candidateId === peskov.candidateId)).toMatchObject({
      status: 'accepted',
      statementId,
    });
    // Reviewed once.
    await http()
      .post(`/sources/${sourceId}/candidates/${peskov.candidateId}/acceptance`)
      .send({})
      .expect(409);
  });

  it('refuses a candidate naming an actor not on record, unless the request registers it', async () => {
    const candidates = await candidatesOf(sourceId);
    const lin = candidates.find((c) => c.speaker.id === 'lin-jian')!;
    const before = await eventCount();
    const refused = await http()
      .post(`/sources/${sourceId}/candidates/${lin.candidateId}/acceptance`)
      .send({})
      .expect(422);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 'unknown-actor' });
    expect(await eventCount()).toBe(before);
    await http()
      .post(`/sources/${sourceId}/candidates/${lin.candidateId}/acceptance`)
      .send({
        changes: { principalId: 'china' },
        newActors: [{ actorId: 'lin-jian', name: 'Lin Jian', kind: 'person' }],
      })
      .expect(201);
  });

  it('rejects a candidate with a reason, once', async () => {
    const candidates = await candidatesOf(sourceId);
    const eu = candidates.find((c) => c.speaker.id === 'eu-delegation-china')!;
    await http()
      .post(`/sources/${sourceId}/candidates/${eu.candidateId}/rejection`)
      .send({})
      .expect(400);
    const rejected = await http()
      .post(`/sources/${sourceId}/candidates/${eu.candidateId}/rejection`)
      .send({ reason: 'The remark is China’s, misattributed in the copy.' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    await http()
      .post(`/sources/${sourceId}/candidates/${eu.candidateId}/rejection`)
      .send({ reason: 'again' })
      .expect(409);
    for (const review of ['rejection', 'acceptance'])
      await http()
        .post(`/sources/${sourceId}/candidates/00000000-0000-4000-8000-000000000000/${review}`)
        .send(review === 'rejection' ? { reason: 'x' } : {})
        .expect(404);
  });

  it('gives a speaker the principal of the registry affiliation in force on the article’s date', async () => {
    await http()
      .post('/actors')
      .send({ actorId: 'acme-mining', name: 'Acme Mining', kind: 'organisation' })
      .expect(201);
    await http()
      .post('/actors')
      .send({ actorId: 'jane-doe', name: 'Jane Doe', kind: 'person' })
      .expect(201);
    await http()
      .post('/actors/jane-doe/affiliations')
      .send({
        affiliationId: 'acme-ceo',
        organisationId: 'acme-mining',
        role: 'chief executive',
        from: '2024-01-01',
      })
      .expect(200);
    const principalOn = async (text: string, publishedAt: string) => {
      const posted = await post(text, publishedAt).expect(201);
      const [candidate] = await candidatesOf(posted.body.sourceId);
      expect(candidate.speaker.id).toBe('jane-doe');
      return candidate.principal?.id ?? null;
    };
    expect(await principalOn('Jane Doe said output would double.', '2024-07-11T12:00:00Z')).toBe(
      'acme-mining',
    );
    // Before the affiliation began she spoke for no one the registry knows.
    expect(await principalOn('Jane Doe said output would halve.', '2023-06-01T12:00:00Z')).toBe(
      null,
    );
  });

  it('creates nothing when the same text is posted again', async () => {
    const before = await eventCount();
    const again = await post(`  ${ARTICLE}\n`).expect(200);
    expect(again.body).toMatchObject({ sourceId, existing: true });
    expect(await eventCount()).toBe(before);
  });

  it('makes a second article quoting the same words a new mention of the statement', async () => {
    // The read models see the first statement first (the match reads them).
    for (let i = 0; i < 100; i++) {
      const timeline = await http().get('/actors/dmitry-peskov/timeline').expect(200);
      if (timeline.body.items.some((s: { statementId: string }) => s.statementId === statementId))
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const second = await post(
      'Kremlin spokesman Dmitry Peskov said on Thursday that Moscow would take “countermeasures” against what he called a “grave danger” from NATO, a wire service reported.',
      '2024-07-12T08:00:00Z',
    ).expect(201);
    const [candidate] = await candidatesOf(second.body.sourceId);
    expect(candidate.speaker.id).toBe('dmitry-peskov');
    const accepted = await http()
      .post(`/sources/${second.body.sourceId}/candidates/${candidate.candidateId}/acceptance`)
      .send({})
      .expect(200);
    expect(accepted.body).toMatchObject({ as: 'mention', statementId });
    const statement = await http().get(`/statements/${statementId}`).expect(200);
    expect(statement.body.mentions.map((m: { sourceId: string }) => m.sourceId)).toEqual([
      sourceId,
      second.body.sourceId,
    ]);
  });
});

describe('automatic acceptance above EXTRACTION_AUTO_ACCEPT (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const http = () => withKey(app);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database, { EXTRACTION_AUTO_ACCEPT: '0.8' });
    for (const actor of [
      { actorId: 'nato', name: 'NATO', kind: 'organisation' },
      { actorId: 'russia', name: 'Russia', kind: 'state' },
      { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person', aliases: ['Peskov'] },
    ])
      await http().post('/actors').send(actor).expect(201);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('accepts confident candidates about actors on record, and leaves the others', async () => {
    const posted = await http()
      .post('/sources')
      .send({
        url: 'https://news.example/brief',
        publishedAt: '2024-07-12T08:00:00Z',
        text:
          'Kremlin spokesman Dmitry Peskov said NATO was now “a party to the conflict.” ' +
          'Harbour council member Jane Roe said the ferry would run again on Monday.',
      })
      .expect(201);
    expect(posted.body.candidates).toEqual({ proposed: 1, accepted: 1, rejected: 0 });
    const { candidates } = (
      await http().get(`/sources/${posted.body.sourceId}/candidates`).expect(200)
    ).body as { candidates: Array<CandidateView & { statementId: string | null }> };
    const [peskov, roe] = candidates;
    expect(peskov).toMatchObject({ status: 'accepted', speaker: { id: 'dmitry-peskov' } });
    expect(roe).toMatchObject({ status: 'proposed', speaker: { id: 'jane-roe', proposed: true } });
    const statement = await http().get(`/statements/${peskov.statementId}`).expect(200);
    expect(statement.body).toMatchObject({ speakerId: 'dmitry-peskov', targetIds: ['nato'] });
  });
});
