import { given } from '../testing/given';
import { checkSpan, sourceDecider } from './source';

const SHA = 'a'.repeat(64);
const ID = '6f1c2d7e-3b7a-4a55-9a43-0c9d2f2c1b11';

describe('source', () => {
  it('registers a document with url, publisher, title, time and text hash', () => {
    const events = given(sourceDecider)
      .when({
        type: 'RegisterSource',
        sourceId: ID,
        url: 'https://news.example/nato-china',
        publisher: 'Example News',
        title: 'China warns NATO',
        publishedAt: '2024-07-11T10:00:00+02:00',
        text: 'China on Thursday warned…',
        sha256: SHA,
      })
      .then();
    expect(events[0].data).toEqual({
      sourceId: ID,
      url: 'https://news.example/nato-china',
      publisher: 'Example News',
      title: 'China warns NATO',
      publishedAt: '2024-07-11T08:00:00.000Z',
      sha256: SHA,
      text: 'China on Thursday warned…',
    });
  });

  it.each([
    [{ url: 'ftp://x' }, 'url'],
    [{ url: undefined, text: undefined }, 'url'],
    [{ sha256: 'XYZ' }, 'sha256'],
    [{ sha256: undefined }, 'sha256'],
    [{ publishedAt: 'yesterday' }, 'publishedAt'],
    [{ sourceId: 'nope' }, 'sourceId'],
  ])('refuses %j naming %s', (override, field) => {
    const error = given(sourceDecider)
      .when({
        type: 'RegisterSource',
        sourceId: ID,
        url: 'https://news.example/a',
        text: 'body',
        sha256: SHA,
        ...override,
      })
      .thenError();
    expect(error).toMatchObject({ category: 'invalid', field });
  });

  it('registers a source once', () => {
    const past = given(sourceDecider)
      .when({ type: 'RegisterSource', sourceId: ID, url: 'https://news.example/a' })
      .then();
    expect(
      given(sourceDecider, past)
        .when({ type: 'RegisterSource', sourceId: ID, url: 'https://news.example/a' })
        .thenError(),
    ).toMatchObject({
      code: 'source-exists',
    });
  });

  it('checks character spans against the text length', () => {
    expect(checkSpan({ start: 0, end: 5 }, 'span', 10)).toEqual({ start: 0, end: 5 });
    expect(() => checkSpan({ start: 5, end: 5 }, 'span', 10)).toThrow(
      expect.objectContaining({ field: 'span.end' }),
    );
    expect(() => checkSpan({ start: 2, end: 11 }, 'span', 10)).toThrow(/past the end/);
    expect(() => checkSpan({ start: -1, end: 1 }, 'span', null)).toThrow(
      expect.objectContaining({ field: 'span.start' }),
    );
  });

  describe('candidates', () => {
    const TEXT = 'Chile warned Peru on Monday. Peru denied it.';
    const candidate = (i: number, extra: Record<string, unknown> = {}) => ({
      candidateId: `00000000-0000-4000-8000-00000000000${i}`,
      speaker: { id: i === 0 ? 'chile' : 'peru', name: i === 0 ? 'Chile' : 'Peru' },
      principal: null,
      kind: i === 0 ? 'warning' : 'denial',
      targets: i === 0 ? [{ id: 'peru', name: 'Peru' }] : [],
      quote: null,
      allegation: null,
      span: i === 0 ? { start: 0, end: 28 } : { start: 29, end: 44 },
      confidence: 0.85,
      ...extra,
    });
    const register = (candidates: unknown[]) => ({
      type: 'RegisterSource' as const,
      sourceId: ID,
      text: TEXT,
      sha256: SHA,
      extractor: { name: 'rules', version: '1' },
      candidates,
    });
    const registered = () =>
      given(sourceDecider)
        .when(register([candidate(0), candidate(1)]))
        .then();

    it('are proposed with the source, then each accepted or rejected once', () => {
      const past = registered();
      expect(past.map((e) => e.type)).toEqual(['SourceRegistered', 'SourceCandidatesProposed']);
      const accepted = given(sourceDecider, past)
        .when({
          type: 'AcceptCandidate',
          candidateId: candidate(0).candidateId,
          statementId: ID,
          as: 'recorded',
          acceptedBy: 'analyst-1',
        })
        .then();
      expect(accepted[0]).toMatchObject({
        type: 'SourceCandidateAccepted',
        data: { candidateId: candidate(0).candidateId, statementId: ID, as: 'recorded' },
      });
      const after = [...past, ...accepted];
      const state = given(sourceDecider, after).state;
      expect(state.candidates.map((c) => c.status)).toEqual(['accepted', 'proposed']);
      expect(
        given(sourceDecider, after)
          .when({ type: 'RejectCandidate', candidateId: candidate(0).candidateId, reason: 'no' })
          .thenError(),
      ).toMatchObject({ category: 'conflict', code: 'candidate-reviewed' });
      const rejected = given(sourceDecider, after)
        .when({ type: 'RejectCandidate', candidateId: candidate(1).candidateId, reason: 'a quote' })
        .then();
      expect(given(sourceDecider, [...after, ...rejected]).state.candidates[1]).toMatchObject({
        status: 'rejected',
        reason: 'a quote',
      });
    });

    it('refuses an unknown candidate, a rejection without reason and a bad acceptance', () => {
      const past = registered();
      const refuse = (command: Parameters<typeof sourceDecider.decide>[0]) =>
        given(sourceDecider, past).when(command).thenError();
      expect(refuse({ type: 'RejectCandidate', candidateId: ID, reason: 'x' })).toMatchObject({
        category: 'not-found',
        field: 'candidateId',
      });
      expect(
        refuse({ type: 'RejectCandidate', candidateId: candidate(1).candidateId }),
      ).toMatchObject({ category: 'invalid', field: 'reason' });
      expect(
        refuse({
          type: 'AcceptCandidate',
          candidateId: candidate(1).candidateId,
          statementId: ID,
          as: 'copied',
        }),
      ).toMatchObject({ category: 'invalid', field: 'as' });
    });

    it.each([
      [{ span: { start: 29, end: 99 } }, 'candidates[1].span.end'],
      [{ kind: 'gossip' }, 'candidates[1].kind'],
      [{ speaker: { id: 'Not A Slug', name: 'x' } }, 'candidates[1].speaker.id'],
      [{ confidence: 2 }, 'candidates[1].confidence'],
    ])('refuses a candidate with %j naming %s', (extra, field) => {
      const error = given(sourceDecider)
        .when(register([candidate(0), candidate(1, extra)]))
        .thenError();
      expect(error).toMatchObject({ category: 'invalid', field });
    });
  });
});
