import { registerActors, sourceStreamId, statementStreamId } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { sha256, uuidFromHash } from '../source-view';
import { RegisterSourceCommand } from './register-source.command';

const ARTICLE =
  'NATO accused China of "enabling the war". Lin Jian said the claims were "baseless".';

describe('RegisterSourceCommand', () => {
  let h: Harness;
  // Candidates at or above 0.85 that name only actors on record are accepted at registration.
  beforeAll(async () => {
    h = await createHarness({ EXTRACTION_AUTO_ACCEPT: '0.85' });
    await registerActors(h, 'nato', 'china');
  });
  afterAll(() => h.close());

  const register = (input: Record<string, unknown>) =>
    h.commands.execute(new RegisterSourceCommand(input, h.context('key:analyst')));

  it('registers a source by url: SourceRegistered at version 1 under a new id', async () => {
    const result = await register({ url: 'https://news.example/a', title: 'Summit' });
    expect(result).toMatchObject({
      existing: false,
      version: 1,
      view: { sourceId: result.sourceId, url: 'https://news.example/a', sha256: null, text: null },
    });
    expect((await h.streamEvents(sourceStreamId(result.sourceId))).map((e) => e.type)).toEqual([
      'SourceRegistered',
    ]);
  });

  it('names a text by its hash, proposes what the extractor finds, accepts the confident ones', async () => {
    const result = await register({ text: ARTICLE, publishedAt: '2024-07-11T12:00:00Z' });
    expect(result.sourceId).toBe(uuidFromHash(sha256(ARTICLE)));
    expect(result).toMatchObject({
      existing: false,
      version: 3,
      view: { sha256: sha256(ARTICLE) },
    });
    // NATO and China are on record; Lin Jian is not, so that candidate waits for an analyst.
    expect(result.view.candidates).toEqual({ proposed: 1, accepted: 1, rejected: 0 });
    const events = await h.streamEvents(sourceStreamId(result.sourceId));
    expect(events.map((e) => `${e.version}:${e.type}`)).toEqual([
      '1:SourceRegistered',
      '2:SourceCandidatesProposed',
      '3:SourceCandidateAccepted',
    ]);
    expect(events[1].data.candidates.map((c: { speaker: { id: string } }) => c.speaker.id)).toEqual(
      ['nato', 'lin-jian'],
    );
    const statement = await h.streamEvents(statementStreamId(events[2].data.statementId));
    expect(statement[0]).toMatchObject({
      type: 'StatementRecorded',
      data: { speakerId: 'nato', kind: 'accusation', targetIds: ['china'] },
    });
  });

  it('finds the same text posted again (after NFC and trimming) and writes nothing', async () => {
    const before = await h.eventCount();
    const again = await register({ text: `  ${ARTICLE}\n`, url: 'https://other.example/' });
    expect(again).toMatchObject({
      sourceId: uuidFromHash(sha256(ARTICLE)),
      existing: true,
      version: 3,
    });
    expect(await h.eventCount()).toBe(before);
  });

  it('refuses a source with neither url nor text, and an extract flag that is not boolean', async () => {
    expect(await h.refused(() => register({ title: 'Nothing' }))).toMatchObject({
      category: 'invalid',
      field: 'url',
    });
    expect(await h.refused(() => register({ text: 'Some words.', extract: 'yes' }))).toMatchObject({
      category: 'invalid',
      field: 'extract',
    });
  });
});
