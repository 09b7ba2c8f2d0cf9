import { EXTRACTOR } from '@app/extraction';
import { GetCandidatesQuery } from '../get-candidates/get-candidates.query';
import {
  actorStreamId,
  registerActors,
  registerSource,
  sourceStreamId,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { AcceptCandidateCommand } from './accept-candidate.command';

const ARTICLE =
  'NATO accused China of "enabling the war". China denied the accusation, calling it "groundless". ' +
  'Lin Jian said the claims were "baseless".';
const publishedAt = '2024-07-11T12:00:00Z';

describe('AcceptCandidateCommand', () => {
  let h: Harness;
  let sourceId: string;
  const candidate: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'nato', 'china');
    sourceId = await registerSource(h, { text: ARTICLE, extract: true, publishedAt });
    const { candidates } = (await h.queries.execute(new GetCandidatesQuery(sourceId))).view;
    for (const c of candidates) candidate[c.speaker.id] = c.candidateId;
  });
  afterAll(() => h.close());

  const accept = (id: string, input: Record<string, unknown> = {}, source = sourceId) =>
    h.commands.execute(new AcceptCandidateCommand(source, id, input, h.context('key:analyst')));

  it('records the candidate as a statement by the extractor, and the review on the source', async () => {
    const result = await accept(candidate.nato);
    expect(result).toMatchObject({ candidateId: candidate.nato, as: 'recorded' });
    expect(await h.streamEvents(statementStreamId(result.statementId))).toEqual([
      expect.objectContaining({
        type: 'StatementRecorded',
        data: expect.objectContaining({
          speakerId: 'nato',
          kind: 'accusation',
          targetIds: ['china'],
          quote: 'enabling the war',
          saidAt: { date: '2024-07-11', precision: 'day' },
          provenance: {
            method: 'extractor',
            extractor: EXTRACTOR.name,
            version: EXTRACTOR.version,
          },
          mention: { sourceId, span: { start: 0, end: 41 }, reportedAt: null },
        }),
      }),
    ]);
    const review = (await h.streamEvents(sourceStreamId(sourceId)))[2];
    expect(review).toMatchObject({
      type: 'SourceCandidateAccepted',
      version: 3,
      data: {
        candidateId: candidate.nato,
        statementId: result.statementId,
        as: 'recorded',
        acceptedBy: 'key:analyst',
      },
    });
    expect(await h.refused(() => accept(candidate.nato))).toMatchObject({
      code: 'candidate-reviewed',
    });
  });

  it('refuses a candidate naming an actor not on record, unless newActors registers it', async () => {
    expect(await h.refused(() => accept(candidate['lin-jian']))).toMatchObject({
      category: 'rule',
      code: 'unknown-actor',
      field: 'candidate speakerId',
    });
    expect(
      await h.refused(() => accept(candidate['lin-jian'], { changes: { colour: 'red' } })),
    ).toMatchObject({
      category: 'invalid',
      field: 'changes.colour',
    });
    const newActors = [{ actorId: 'lin-jian', name: 'Lin Jian', kind: 'person' }];
    const result = await accept(candidate['lin-jian'], {
      changes: { quote: 'baseless' },
      newActors,
    });
    expect(result.as).toBe('recorded');
    expect((await h.streamEvents(actorStreamId('lin-jian'))).map((e) => e.type)).toEqual([
      'ActorRegistered',
    ]);
  });

  it('makes a near-identical quote a new mention of the statement on record (read models projected)', async () => {
    const first = await accept(candidate.china);
    // The match reads the statements read model, which the api's projector keeps: project once.
    await h.project();
    const later = await registerSource(h, {
      text: 'On Friday, China denied the accusation, calling it "groundless".',
      extract: true,
      publishedAt: '2024-07-12T09:00:00Z',
    });
    const [again] = (await h.queries.execute(new GetCandidatesQuery(later))).view.candidates;
    const result = await accept(again.candidateId, {}, later);
    expect(result).toEqual({
      candidateId: again.candidateId,
      statementId: first.statementId,
      as: 'mention',
    });
    const events = await h.streamEvents(statementStreamId(first.statementId));
    expect(events.map((e) => `${e.version}:${e.type}`)).toEqual([
      '1:StatementRecorded',
      '2:StatementMentionAdded',
    ]);
    expect(events[1].data).toMatchObject({ sourceId: later, span: again.span });
    expect((await h.streamEvents(sourceStreamId(later)))[2].data).toMatchObject({
      as: 'mention',
      statementId: first.statementId,
    });
  });
});
