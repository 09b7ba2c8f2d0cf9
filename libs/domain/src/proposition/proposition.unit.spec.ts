import { given } from '../testing/given';
import { PropositionEvent, propositionDecider } from './proposition';

const defined: PropositionEvent = {
  type: 'PropositionDefined',
  data: {
    propositionId: 'china-enables-russia-war',
    text: 'China enables Russia’s war against Ukraine',
    tags: ['ukraine-war'],
  },
};

describe('proposition', () => {
  it('is defined with text and tags', () => {
    const events = given(propositionDecider)
      .when({
        type: 'DefineProposition',
        propositionId: 'china-enables-russia-war',
        text: 'China enables Russia’s war against Ukraine',
        tags: ['ukraine-war'],
      })
      .then();
    expect(events).toEqual([defined]);
  });

  it('refuses a second definition, bad ids and duplicate tags', () => {
    expect(
      given(propositionDecider, [defined])
        .when({ type: 'DefineProposition', propositionId: 'x', text: 'y' })
        .thenError(),
    ).toMatchObject({
      code: 'proposition-exists',
    });
    expect(
      given(propositionDecider)
        .when({ type: 'DefineProposition', propositionId: 'Bad Id', text: 'y' })
        .thenError(),
    ).toMatchObject({
      field: 'propositionId',
    });
    expect(
      given(propositionDecider)
        .when({ type: 'DefineProposition', propositionId: 'p', text: 'y', tags: ['a', 'a'] })
        .thenError(),
    ).toMatchObject({
      field: 'tags[1]',
    });
  });

  it('is reworded with the previous text kept, but not to the same words', () => {
    const events = given(propositionDecider, [defined])
      .when({
        type: 'RewordProposition',
        text: 'China is a decisive enabler of Russia’s war',
        reason: 'closer to the communiqué',
      })
      .then();
    expect(events[0]).toMatchObject({
      type: 'PropositionReworded',
      data: { previousText: defined.data.text },
    });
    expect(
      given(propositionDecider, [defined])
        .when({ type: 'RewordProposition', text: defined.data.text, reason: 'x' })
        .thenError(),
    ).toMatchObject({ code: 'same-text' });
    expect(
      given(propositionDecider)
        .when({ type: 'RewordProposition', text: 'x', reason: 'y' })
        .thenError(),
    ).toMatchObject({
      code: 'proposition-not-found',
    });
  });
});
