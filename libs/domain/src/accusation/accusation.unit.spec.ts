import { given } from '../testing/given';
import {
  AccusationEvent,
  accusationDecider,
  RESPONSE_EVENTS,
  RESPONSES,
  responseOf,
  StatementFacts,
  statusOf,
  statusOfResponses,
} from './accusation';

const ACCUSATION = 'c0ffee00-1111-4222-8333-444455556666';
const natoAccuses: StatementFacts = {
  statementId: 'a1a1a1a1-0000-4000-8000-000000000001',
  kind: 'accusation',
  speakerId: 'nato-leaders',
  principalId: 'nato',
  targetIds: ['china'],
  withdrawn: false,
};
const chinaDenies: StatementFacts = {
  statementId: 'a1a1a1a1-0000-4000-8000-000000000002',
  kind: 'denial',
  speakerId: 'lin-jian',
  principalId: 'china',
  targetIds: ['nato'],
  withdrawn: false,
};
const made: AccusationEvent = {
  type: 'AccusationMade',
  data: {
    accusationId: ACCUSATION,
    statementId: natoAccuses.statementId,
    accuserId: 'nato',
    accusedIds: ['china'],
    allegation: 'enabling Russia’s war',
  },
};

describe('accusation', () => {
  it('is made by an accusation statement: the principal accuses its targets', () => {
    const events = given(accusationDecider)
      .when({
        type: 'MakeAccusation',
        accusationId: ACCUSATION,
        statement: natoAccuses,
        allegation: 'enabling Russia’s war',
      })
      .then();
    expect(events).toEqual([made]);
    expect(statusOf(given(accusationDecider, events).state)).toBe('open');
  });

  it('refuses a statement of another kind, no accused, or the accuser among the accused', () => {
    const make = { type: 'MakeAccusation' as const, accusationId: ACCUSATION, allegation: 'x' };
    expect(
      given(accusationDecider)
        .when({ ...make, statement: { ...natoAccuses, kind: 'warning' } })
        .thenError(),
    ).toMatchObject({
      category: 'rule',
      code: 'not-an-accusation',
    });
    expect(
      given(accusationDecider)
        .when({ ...make, statement: { ...natoAccuses, targetIds: [] } })
        .thenError(),
    ).toMatchObject({
      field: 'accusedIds',
    });
    expect(
      given(accusationDecider)
        .when({ ...make, statement: natoAccuses, accusedIds: ['nato'] })
        .thenError(),
    ).toMatchObject({
      code: 'self-accusation',
    });
    expect(
      given(accusationDecider)
        .when({ ...make, statement: { ...natoAccuses, withdrawn: true } })
        .thenError(),
    ).toMatchObject({
      code: 'statement-withdrawn',
    });
  });

  it('is denied by a denial from the accused, through its spokesman', () => {
    const events = given(accusationDecider, [made])
      .when({ type: 'RespondToAccusation', response: 'denial', statement: chinaDenies })
      .then();
    expect(events).toEqual([
      {
        type: 'AccusationDenied',
        data: {
          accusationId: ACCUSATION,
          statementId: chinaDenies.statementId,
          respondentId: 'china',
        },
      },
    ]);
    expect(statusOf(given(accusationDecider, [made, ...events]).state)).toBe('denied');
  });

  it('refuses a denial from someone not accused — the misattribution case', () => {
    const error = given(accusationDecider, [made])
      .when({
        type: 'RespondToAccusation',
        response: 'denial',
        statement: { ...chinaDenies, speakerId: 'eu-delegation', principalId: 'european-union' },
      })
      .thenError();
    expect(error).toMatchObject({ category: 'rule', code: 'not-accused' });
  });

  it('refuses a "denial" whose statement is not a denial or rejection', () => {
    const error = given(accusationDecider, [made])
      .when({
        type: 'RespondToAccusation',
        response: 'denial',
        statement: { ...chinaDenies, kind: 'praise' },
      })
      .thenError();
    expect(error).toMatchObject({ code: 'not-a-denial' });
  });

  it('is acknowledged by the accused and withdrawn only by the accuser', () => {
    const ack = given(accusationDecider, [made])
      .when({
        type: 'RespondToAccusation',
        response: 'acknowledgement',
        statement: { ...chinaDenies, kind: 'statement' },
      })
      .then();
    expect(statusOf(given(accusationDecider, [made, ...ack]).state)).toBe('acknowledged');

    expect(
      given(accusationDecider, [made])
        .when({ type: 'RespondToAccusation', response: 'withdrawal', statement: chinaDenies })
        .thenError(),
    ).toMatchObject({ code: 'not-the-accuser' });
    const natoWithdraws = {
      ...natoAccuses,
      statementId: 'a1a1a1a1-0000-4000-8000-000000000003',
      kind: 'statement' as const,
    };
    const withdrawn = given(accusationDecider, [made])
      .when({ type: 'RespondToAccusation', response: 'withdrawal', statement: natoWithdraws })
      .then();
    expect(withdrawn[0]).toMatchObject({
      type: 'AccusationWithdrawn',
      data: { respondentId: 'nato' },
    });
    const after = [made, ...withdrawn];
    expect(statusOf(given(accusationDecider, after).state)).toBe('withdrawn');
    expect(
      given(accusationDecider, after)
        .when({ type: 'RespondToAccusation', response: 'denial', statement: chinaDenies })
        .thenError(),
    ).toMatchObject({ code: 'accusation-withdrawn' });
  });

  it('links a statement to the accusation once', () => {
    const denied = given(accusationDecider, [made])
      .when({ type: 'RespondToAccusation', response: 'denial', statement: chinaDenies })
      .then();
    expect(
      given(accusationDecider, [made, ...denied])
        .when({ type: 'RespondToAccusation', response: 'denial', statement: chinaDenies })
        .thenError(),
    ).toMatchObject({ code: 'response-exists' });
  });

  it('refuses responses to an accusation that does not exist and unknown response kinds', () => {
    expect(
      given(accusationDecider)
        .when({ type: 'RespondToAccusation', response: 'denial', statement: chinaDenies })
        .thenError(),
    ).toMatchObject({
      code: 'accusation-not-found',
    });
    expect(
      given(accusationDecider, [made])
        .when({ type: 'RespondToAccusation', response: 'shrug', statement: chinaDenies })
        .thenError(),
    ).toMatchObject({
      field: 'response',
    });
  });
});

describe('accusation details', () => {
  it('takes an explicit list of accused instead of the statement’s targets', () => {
    const [event] = given(accusationDecider)
      .when({
        type: 'MakeAccusation',
        accusationId: ACCUSATION,
        statement: natoAccuses,
        accusedIds: ['china', 'russia'],
        allegation: 'x',
      })
      .then();
    expect(event.data).toMatchObject({ accusedIds: ['china', 'russia'] });
  });

  it('refuses a response whose statement was withdrawn from the record', () => {
    expect(
      given(accusationDecider, [made])
        .when({
          type: 'RespondToAccusation',
          response: 'denial',
          statement: { ...chinaDenies, withdrawn: true },
        })
        .thenError(),
    ).toMatchObject({ code: 'statement-withdrawn' });
  });
});

describe('the accusation status rule (shared with the read models)', () => {
  it('ranks withdrawn over acknowledged over denied over open, whatever the order', () => {
    expect(statusOfResponses([])).toBe('open');
    expect(statusOfResponses(['denial'])).toBe('denied');
    expect(statusOfResponses(['acknowledgement', 'denial'])).toBe('acknowledged');
    expect(statusOfResponses(['denial', 'withdrawal', 'acknowledgement'])).toBe('withdrawn');
  });

  it('names the response each response event records', () => {
    for (const kind of RESPONSES) expect(responseOf(RESPONSE_EVENTS[kind])).toBe(kind);
  });
});
