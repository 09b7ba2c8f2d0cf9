import { NotFoundException } from '@nestjs/common';
import { RejectCandidateCommand } from '../reject-candidate/reject-candidate.command';
import { GetCandidatesQuery } from '../get-candidates/get-candidates.query';
import { registerSource, sourceStreamId } from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetSourceQuery } from './get-source.query';

const TEXT = 'Jane Doe said output would double.';

describe('GetSourceQuery', () => {
  let h: Harness;
  let sourceId: string;
  let registeredAt: Date;
  beforeAll(async () => {
    h = await createHarness();
    sourceId = await registerSource(h, { text: TEXT, extract: true, publisher: 'Example News' });
    const [candidate] = (await h.queries.execute(new GetCandidatesQuery(sourceId))).view.candidates;
    await pause();
    await h.commands.execute(
      new RejectCandidateCommand(
        sourceId,
        candidate.candidateId,
        { reason: 'not news' },
        h.context(),
      ),
    );
    registeredAt = (await h.streamEvents(sourceStreamId(sourceId)))[0].recordedAt;
  });
  afterAll(() => h.close());

  const get = (id: string, knownAt?: Date) => h.queries.execute(new GetSourceQuery(id, knownAt));

  it('reads the source with its text and its candidates counted by review status', async () => {
    expect(await get(sourceId)).toEqual({
      version: 3,
      view: expect.objectContaining({
        sourceId,
        publisher: 'Example News',
        text: TEXT,
        candidates: { proposed: 0, accepted: 0, rejected: 1 },
      }),
    });
  });

  it('reads it as it stood at knownAt: before the review, at version 2', async () => {
    expect(await get(sourceId, registeredAt)).toMatchObject({
      version: 2,
      view: { candidates: { proposed: 1, accepted: 0, rejected: 0 } },
    });
    await expect(get(sourceId, new Date(registeredAt.getTime() - 1))).rejects.toThrow(
      NotFoundException,
    );
  });

  it('answers 404 for a source not on record and invalid for a malformed id', async () => {
    await expect(get('00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundException);
    await expect(get('source-1')).rejects.toMatchObject({ category: 'invalid', field: 'sourceId' });
  });
});
