import { given } from '../testing/given';
import { StatementCommand, statementDecider, StatementEvent } from './statement';

const STATEMENT = '0b6d1b5e-1f0e-4c7e-9d38-3a1f2f7c4e10';
const SOURCE = '6f1c2d7e-3b7a-4a55-9a43-0c9d2f2c1b11';
const OTHER_SOURCE = '7a2c3d8f-4c8b-4b66-8b54-1d0e3f3d2c22';

const record: Extract<StatementCommand, { type: 'RecordStatement' }> = {
  type: 'RecordStatement',
  statementId: STATEMENT,
  speakerId: 'dmitry-peskov',
  principalId: 'russia',
  kind: 'warning',
  targetIds: ['nato'],
  quote: 'response measures',
  saidAt: { date: '2024-07-11', precision: 'day' },
  source: { sourceId: SOURCE, span: { start: 10, end: 40 } },
  confidence: 0.9,
};
const recorded = (): StatementEvent[] => given(statementDecider).when(record).then();

describe('statement', () => {
  describe('record', () => {
    it('keeps speaker and principal, derives CAMEO code and Goldstein weight, and makes the source its first mention', () => {
      expect(recorded()).toEqual([
        {
          type: 'StatementRecorded',
          data: {
            statementId: STATEMENT,
            speakerId: 'dmitry-peskov',
            principalId: 'russia',
            kind: 'warning',
            cameo: '130',
            goldstein: -4.4,
            targetIds: ['nato'],
            quote: 'response measures',
            summary: null,
            saidAt: { date: '2024-07-11', precision: 'day' },
            confidence: 0.9,
            stances: [],
            provenance: { method: 'manual' },
            mention: { sourceId: SOURCE, span: { start: 10, end: 40 }, reportedAt: null },
          },
        },
      ]);
    });

    it('takes a refined CAMEO code of the kind family (138: military threat)', () => {
      const [event] = given(statementDecider)
        .when({ ...record, cameo: '138' })
        .then();
      expect(event.data).toMatchObject({ cameo: '138', goldstein: -7 });
    });

    it('records extractor provenance and stances', () => {
      const [event] = given(statementDecider)
        .when({
          ...record,
          provenance: { method: 'extractor', extractor: 'st-extract', version: '0.1.0' },
          stances: [{ propositionId: 'nato-threatens-russia', stance: 'supports' }],
        })
        .then();
      expect(event.data).toMatchObject({
        provenance: { method: 'extractor', extractor: 'st-extract', version: '0.1.0' },
        stances: [{ propositionId: 'nato-threatens-russia', stance: 'supports' }],
      });
    });

    it.each([
      [{ statementId: 'abc' }, 'statementId'],
      [{ speakerId: 'Dmitry Peskov' }, 'speakerId'],
      [{ kind: 'boast' }, 'kind'],
      [{ cameo: '112' }, 'cameo'],
      [{ targetIds: ['nato', 'nato'] }, 'targetIds[1]'],
      [{ quote: null, summary: null }, 'quote'],
      [{ quote: 'q'.repeat(5001) }, 'quote'],
      [{ saidAt: { date: '2024-02-30', precision: 'day' } }, 'saidAt.date'],
      [{ saidAt: { date: '2024-07', precision: 'day' } }, 'saidAt.date'],
      [{ saidAt: { date: '2024-13', precision: 'month' } }, 'saidAt.date'],
      [{ saidAt: { date: '2024-07-11', precision: 'unknown' } }, 'saidAt.date'],
      [{ saidAt: 'yesterday' }, 'saidAt'],
      [{ source: { sourceId: SOURCE, span: { start: 40, end: 10 } } }, 'source.span.end'],
      [{ source: { sourceId: 'x' } }, 'source.sourceId'],
      [{ confidence: 1.5 }, 'confidence'],
      [{ stances: [{ propositionId: 'p', stance: 'maybe' }] }, 'stances[0].stance'],
      [{ provenance: { method: 'extractor' } }, 'provenance.extractor'],
    ])('refuses %j naming %s', (override, field) => {
      expect(
        given(statementDecider)
          .when({ ...record, ...override })
          .thenError(),
      ).toMatchObject({ category: 'invalid', field });
    });

    it('checks the span against the source text length', () => {
      const error = given(statementDecider)
        .when({ ...record, sourceTextLength: 20 })
        .thenError();
      expect(error).toMatchObject({ field: 'source.span.end' });
    });

    it('accepts month and unknown precision', () => {
      expect(
        given(statementDecider)
          .when({ ...record, saidAt: { date: '2024-04', precision: 'month' } })
          .then()[0].data,
      ).toMatchObject({
        saidAt: { date: '2024-04', precision: 'month' },
      });
      expect(
        given(statementDecider)
          .when({ ...record, saidAt: { precision: 'unknown' } })
          .then()[0].data,
      ).toMatchObject({
        saidAt: { date: null, precision: 'unknown' },
      });
    });

    it('is recorded once', () => {
      expect(given(statementDecider, recorded()).when(record).thenError()).toMatchObject({
        code: 'statement-exists',
      });
    });
  });

  describe('correct (editorial)', () => {
    it('changes the principal with reason and who, keeping the previous value', () => {
      const events = given(statementDecider, recorded())
        .when({
          type: 'CorrectStatement',
          changes: { principalId: 'china' },
          reason: 'the ministry is China’s',
          correctedBy: 'key:analyst-1',
        })
        .then();
      expect(events).toEqual([
        {
          type: 'StatementCorrected',
          data: {
            statementId: STATEMENT,
            changes: { principalId: 'china' },
            previous: { principalId: 'russia' },
            reason: 'the ministry is China’s',
            correctedBy: 'key:analyst-1',
          },
        },
      ]);
      const state = given(statementDecider, [...recorded(), ...events]).state;
      expect(state.content).toMatchObject({ principalId: 'china', speakerId: 'dmitry-peskov' });
      expect(state.corrections).toBe(1);
    });

    it('re-derives CAMEO and Goldstein when the kind changes', () => {
      const [event] = given(statementDecider, recorded())
        .when({
          type: 'CorrectStatement',
          changes: { kind: 'accusation' },
          reason: 'it accuses',
          correctedBy: 'key:a',
        })
        .then();
      expect(event.data).toMatchObject({
        changes: { kind: 'accusation', cameo: '112', goldstein: -2 },
        previous: { kind: 'warning', cameo: '130', goldstein: -4.4 },
      });
    });

    it.each([
      [{}, 'changes'],
      [{ principalId: 'russia' }, 'changes'],
      [{ mentions: [] }, 'changes.mentions'],
      [{ speakerId: 'Not Slug' }, 'changes.speakerId'],
      [{ quote: null }, 'quote'],
      [{ cameo: '999' }, 'changes.cameo'],
    ])('refuses changes %j naming %s', (changes, field) => {
      const error = given(statementDecider, recorded())
        .when({ type: 'CorrectStatement', changes, reason: 'r', correctedBy: 'k' })
        .thenError();
      expect(error).toMatchObject({ category: 'invalid', field });
    });

    it('requires a reason', () => {
      const error = given(statementDecider, recorded())
        .when({
          type: 'CorrectStatement',
          changes: { confidence: 0.5 },
          reason: ' ',
          correctedBy: 'k',
        })
        .thenError();
      expect(error).toMatchObject({ field: 'reason' });
    });
  });

  describe('retract (the actor took it back)', () => {
    const retract = {
      type: 'RetractStatement' as const,
      retractedOn: '2024-07-12',
      sourceId: OTHER_SOURCE,
      note: 'Kremlin walked it back',
    };

    it('is dated and sourced, and kept apart from corrections', () => {
      const events = given(statementDecider, recorded()).when(retract).then();
      expect(events).toEqual([
        {
          type: 'StatementRetracted',
          data: {
            statementId: STATEMENT,
            retractedOn: '2024-07-12',
            sourceId: OTHER_SOURCE,
            note: 'Kremlin walked it back',
          },
        },
      ]);
      expect(given(statementDecider, [...recorded(), ...events]).state.corrections).toBe(0);
    });

    it('cannot be retracted again', () => {
      const past = [...recorded(), ...given(statementDecider, recorded()).when(retract).then()];
      expect(given(statementDecider, past).when(retract).thenError()).toMatchObject({
        category: 'conflict',
        code: 'already-retracted',
      });
    });

    it('cannot be retracted before it was said', () => {
      expect(
        given(statementDecider, recorded())
          .when({ ...retract, retractedOn: '2024-07-10' })
          .thenError(),
      ).toMatchObject({
        category: 'rule',
        code: 'retracted-before-said',
      });
    });

    it('can still be corrected after a retraction (an editorial fix)', () => {
      const past = [...recorded(), ...given(statementDecider, recorded()).when(retract).then()];
      expect(
        given(statementDecider, past)
          .when({
            type: 'CorrectStatement',
            changes: { confidence: 0.7 },
            reason: 'r',
            correctedBy: 'k',
          })
          .then(),
      ).toHaveLength(1);
    });
  });

  describe('withdraw from the record', () => {
    it('marks a duplicate with the statement it duplicates; nothing is deleted', () => {
      const events = given(statementDecider, recorded())
        .when({
          type: 'WithdrawStatement',
          reason: 'duplicate',
          duplicateOf: '11111111-2222-4333-8444-555555555555',
        })
        .then();
      expect(events[0]).toMatchObject({
        type: 'StatementWithdrawn',
        data: { reason: 'duplicate', duplicateOf: '11111111-2222-4333-8444-555555555555' },
      });
      const state = given(statementDecider, [...recorded(), ...events]).state;
      expect(state.content).not.toBeNull();
      expect(
        given(statementDecider, [...recorded(), ...events])
          .when({ type: 'RetractStatement', retractedOn: '2024-07-12', sourceId: SOURCE })
          .thenError(),
      ).toMatchObject({
        code: 'statement-withdrawn',
      });
      expect(
        given(statementDecider, [...recorded(), ...events])
          .when({ type: 'WithdrawStatement', reason: 'erroneous' })
          .thenError(),
      ).toMatchObject({
        code: 'statement-withdrawn',
      });
    });

    it('requires duplicateOf for duplicates, not itself', () => {
      expect(
        given(statementDecider, recorded())
          .when({ type: 'WithdrawStatement', reason: 'duplicate' })
          .thenError(),
      ).toMatchObject({
        field: 'duplicateOf',
      });
      expect(
        given(statementDecider, recorded())
          .when({ type: 'WithdrawStatement', reason: 'duplicate', duplicateOf: STATEMENT })
          .thenError(),
      ).toMatchObject({ code: 'duplicate-of-self' });
    });
  });

  describe('mentions', () => {
    it('adds another source reporting the same statement, once per source and span', () => {
      const mention = {
        type: 'AddStatementMention' as const,
        source: {
          sourceId: OTHER_SOURCE,
          span: { start: 0, end: 12 },
          reportedAt: '2024-07-11T12:00:00Z',
        },
      };
      const events = given(statementDecider, recorded()).when(mention).then();
      expect(events).toEqual([
        {
          type: 'StatementMentionAdded',
          data: {
            statementId: STATEMENT,
            sourceId: OTHER_SOURCE,
            span: { start: 0, end: 12 },
            reportedAt: '2024-07-11T12:00:00.000Z',
          },
        },
      ]);
      const state = given(statementDecider, [...recorded(), ...events]).state;
      expect(state.mentions).toHaveLength(2);
      expect(
        given(statementDecider, [...recorded(), ...events])
          .when(mention)
          .thenError(),
      ).toMatchObject({ code: 'mention-exists' });
    });
  });

  describe('stances', () => {
    it('takes a stance on a proposition once; a change goes through correction', () => {
      const take = {
        type: 'TakeStance' as const,
        propositionId: 'nato-threatens-russia',
        stance: 'supports',
      };
      const events = given(statementDecider, recorded()).when(take).then();
      expect(events).toEqual([
        {
          type: 'StatementStanceTaken',
          data: {
            statementId: STATEMENT,
            propositionId: 'nato-threatens-russia',
            stance: 'supports',
          },
        },
      ]);
      expect(
        given(statementDecider, [...recorded(), ...events])
          .when({ ...take, stance: 'opposes' })
          .thenError(),
      ).toMatchObject({
        code: 'stance-exists',
      });
    });
  });

  it('refuses every change to a statement that was never recorded', () => {
    expect(
      given(statementDecider).when({ type: 'WithdrawStatement', reason: 'erroneous' }).thenError(),
    ).toMatchObject({
      code: 'statement-not-found',
    });
  });
});
