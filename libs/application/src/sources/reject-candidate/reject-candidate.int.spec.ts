import { GetCandidatesQuery } from '../get-candidates/get-candidates.query';
import { registerSource, sourceStreamId } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { RejectCandidateCommand } from './reject-candidate.command';

describe('RejectCandidateCommand', () => {
  let h: Harness;
  let sourceId: string;
  let candidateId: string;
  beforeAll(async () => {
    h = await createHarness();
    sourceId = await registerSource(h, {
      text: 'Jane Doe said output would double.',
      extract: true,
    });
    [{ candidateId }] = (await h.queries.execute(new GetCandidatesQuery(sourceId))).view.candidates;
  });
  afterAll(() => h.close());

  const reject = (candidate: string, input: Record<string, unknown>, source = sourceId) =>
    h.commands.execute(
      new RejectCandidateCommand(source, candidate, input, h.context('key:analyst')),
    );

  it('refuses a rejection without a reason', async () => {
    expect(await h.refused(() => reject(candidateId, {}))).toMatchObject({
      category: 'invalid',
      field: 'reason',
    });
  });

  it('rejects it with a reason and the reviewer (an upper-case id finds it too)', async () => {
    const result = await reject(candidateId.toUpperCase(), {
      reason: 'a forecast, not a statement',
    });
    expect(result).toEqual({
      candidateId,
      status: 'rejected',
      reason: 'a forecast, not a statement',
    });
    const events = await h.streamEvents(sourceStreamId(sourceId));
    expect(events[events.length - 1]).toMatchObject({
      type: 'SourceCandidateRejected',
      version: 3,
      data: {
        sourceId,
        candidateId,
        reason: 'a forecast, not a statement',
        rejectedBy: 'key:analyst',
      },
    });
  });

  it('refuses a second review (409), an unknown candidate and an unknown source (404)', async () => {
    expect(await h.refused(() => reject(candidateId, { reason: 'again' }))).toMatchObject({
      category: 'conflict',
      code: 'candidate-reviewed',
    });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await h.refused(() => reject(unknown, { reason: 'x' }))).toMatchObject({
      category: 'not-found',
      code: 'candidate-not-found',
      field: 'candidateId',
    });
    expect(await h.refused(() => reject(candidateId, { reason: 'x' }, unknown))).toMatchObject({
      category: 'not-found',
      code: 'source-not-found',
    });
  });
});
