import { NotFoundException } from '@nestjs/common';
import { EXTRACTOR } from '@app/extraction';
import { RejectCandidateCommand } from '../reject-candidate/reject-candidate.command';
import { registerSource, sourceStreamId } from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetCandidatesQuery } from './get-candidates.query';

const TEXT = 'NATO accused China of "enabling the war". Jane Doe said output would double.';

describe('GetCandidatesQuery', () => {
  let h: Harness;
  let sourceId: string;
  beforeAll(async () => {
    h = await createHarness();
    sourceId = await registerSource(h, { text: TEXT, extract: true });
  });
  afterAll(() => h.close());

  const get = (id: string, knownAt?: Date) =>
    h.queries.execute(new GetCandidatesQuery(id, knownAt));

  it('lists what the extractor proposed, each with its span of the text, all proposed', async () => {
    const { version, view } = await get(sourceId);
    expect(version).toBe(2);
    expect(view.extractor).toEqual({ name: EXTRACTOR.name, version: EXTRACTOR.version });
    expect(view.candidates.map((c) => [c.speaker.id, c.kind, c.status])).toEqual([
      ['nato', 'accusation', 'proposed'],
      ['jane-doe', 'statement', 'proposed'],
    ]);
    // Jane Doe is in neither the registry nor the built-in gazetteer: the extractor proposes her.
    expect(view.candidates[1].speaker.proposed).toBe(true);
    for (const c of view.candidates) expect(c.text).toBe(TEXT.slice(c.span.start, c.span.end));
  });

  it('shows reviews, and the list as it stood at knownAt', async () => {
    const { view } = await get(sourceId);
    const jane = view.candidates[1].candidateId;
    await pause();
    await h.commands.execute(
      new RejectCandidateCommand(sourceId, jane, { reason: 'not news' }, h.context()),
    );
    const now = await get(sourceId);
    expect(now.version).toBe(3);
    expect(now.view.candidates[1]).toMatchObject({ status: 'rejected', reason: 'not news' });
    const proposedAt = (await h.streamEvents(sourceStreamId(sourceId)))[1].recordedAt;
    const then = await get(sourceId, proposedAt);
    expect(then.version).toBe(2);
    expect(then.view.candidates[1]).toMatchObject({ status: 'proposed', reason: null });
  });

  it('answers 404 for a source not on record', async () => {
    await expect(get('00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundException);
  });
});
