import { given } from '../testing/given';
import { ActorEvent, actorDecider, affiliationsOn } from './actor';

const registered: ActorEvent = {
  type: 'ActorRegistered',
  data: {
    actorId: 'dmitry-peskov',
    name: 'Dmitry Peskov',
    kind: 'person',
    aliases: ['Peskov'],
    wikidataId: null,
    countryCode: 'RU',
  },
};
const kremlinSpokesman: ActorEvent = {
  type: 'ActorAffiliationAdded',
  data: {
    actorId: 'dmitry-peskov',
    affiliationId: 'kremlin-spokesman',
    organisationId: 'kremlin',
    role: 'spokesman',
    from: '2012-05-22',
    to: null,
  },
};

describe('actor', () => {
  it('registers an actor with aliases, Wikidata id and country', () => {
    const events = given(actorDecider)
      .when({
        type: 'RegisterActor',
        actorId: 'china',
        name: 'China',
        kind: 'state',
        aliases: ['Beijing', 'PRC'],
        wikidataId: 'Q148',
        countryCode: 'CN',
      })
      .then();
    expect(events).toEqual([
      {
        type: 'ActorRegistered',
        data: {
          actorId: 'china',
          name: 'China',
          kind: 'state',
          aliases: ['Beijing', 'PRC'],
          wikidataId: 'Q148',
          countryCode: 'CN',
        },
      },
    ]);
  });

  it.each([
    [{ actorId: 'Not A Slug' }, 'actorId'],
    [{ name: '' }, 'name'],
    [{ kind: 'planet' }, 'kind'],
    [{ aliases: ['Beijing', 'beijing'] }, 'aliases[1]'],
    [{ aliases: ['china'] }, 'aliases'],
    [{ wikidataId: '148' }, 'wikidataId'],
    [{ countryCode: 'chn' }, 'countryCode'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: 'bad\u0007bell' }, 'name'],
  ])('refuses a registration with %j, naming %s', (override, field) => {
    const error = given(actorDecider)
      .when({ type: 'RegisterActor', actorId: 'china', name: 'China', kind: 'state', ...override })
      .thenError();
    expect(error).toMatchObject({ category: 'invalid', field });
  });

  it('refuses to register the same actor twice', () => {
    const error = given(actorDecider, [registered])
      .when({
        type: 'RegisterActor',
        actorId: 'dmitry-peskov',
        name: 'Dmitry Peskov',
        kind: 'person',
      })
      .thenError();
    expect(error).toMatchObject({ category: 'conflict', code: 'actor-exists' });
  });

  it('adds an alias, but not one it already has in any case', () => {
    expect(
      given(actorDecider, [registered])
        .when({ type: 'AddActorAlias', alias: 'Dmitri Peskov' })
        .then(),
    ).toEqual([
      { type: 'ActorAliasAdded', data: { actorId: 'dmitry-peskov', alias: 'Dmitri Peskov' } },
    ]);
    expect(
      given(actorDecider, [registered])
        .when({ type: 'AddActorAlias', alias: 'PESKOV' })
        .thenError(),
    ).toMatchObject({
      code: 'alias-exists',
      field: 'alias',
    });
  });

  it('adds a dated affiliation and finds it in force on a date', () => {
    const events = given(actorDecider, [registered])
      .when({
        type: 'AddActorAffiliation',
        affiliationId: 'kremlin-spokesman',
        organisationId: 'kremlin',
        role: 'spokesman',
        from: '2012-05-22',
      })
      .then();
    expect(events).toEqual([kremlinSpokesman]);
    const state = given(actorDecider, [registered, kremlinSpokesman]).state;
    expect(affiliationsOn(state, '2024-07-11').map((a) => a.organisationId)).toEqual(['kremlin']);
    expect(affiliationsOn(state, '2001-01-01')).toEqual([]);
  });

  it('refuses affiliations with itself, reversed dates or a reused id', () => {
    const past = [registered, kremlinSpokesman];
    expect(
      given(actorDecider, past)
        .when({
          type: 'AddActorAffiliation',
          affiliationId: 'x',
          organisationId: 'dmitry-peskov',
          role: 'self',
        })
        .thenError(),
    ).toMatchObject({ category: 'rule', code: 'self-affiliation' });
    expect(
      given(actorDecider, past)
        .when({
          type: 'AddActorAffiliation',
          affiliationId: 'y',
          organisationId: 'kremlin',
          role: 'aide',
          from: '2020-01-02',
          to: '2020-01-01',
        })
        .thenError(),
    ).toMatchObject({ field: 'to' });
    expect(
      given(actorDecider, past)
        .when({
          type: 'AddActorAffiliation',
          affiliationId: 'kremlin-spokesman',
          organisationId: 'kremlin',
          role: 'aide',
        })
        .thenError(),
    ).toMatchObject({ code: 'affiliation-exists' });
  });

  it('ends an affiliation once, not before it began', () => {
    const past = [registered, kremlinSpokesman];
    const ended = given(actorDecider, past)
      .when({ type: 'EndActorAffiliation', affiliationId: 'kremlin-spokesman', to: '2030-01-01' })
      .then();
    expect(ended).toEqual([
      {
        type: 'ActorAffiliationEnded',
        data: { actorId: 'dmitry-peskov', affiliationId: 'kremlin-spokesman', to: '2030-01-01' },
      },
    ]);
    expect(
      given(actorDecider, [...past, ...ended])
        .when({ type: 'EndActorAffiliation', affiliationId: 'kremlin-spokesman', to: '2031-01-01' })
        .thenError(),
    ).toMatchObject({ code: 'affiliation-ended' });
    expect(
      given(actorDecider, past)
        .when({ type: 'EndActorAffiliation', affiliationId: 'kremlin-spokesman', to: '2000-01-01' })
        .thenError(),
    ).toMatchObject({ field: 'to' });
  });

  it('merges a duplicate into another actor and then refuses changes to the duplicate', () => {
    const merged = given(actorDecider, [registered])
      .when({ type: 'MergeActor', into: 'dmitri-peskov', reason: 'spelling duplicate' })
      .then();
    expect(merged).toEqual([
      {
        type: 'ActorMerged',
        data: { actorId: 'dmitry-peskov', into: 'dmitri-peskov', reason: 'spelling duplicate' },
      },
    ]);
    expect(
      given(actorDecider, [registered, ...merged])
        .when({ type: 'AddActorAlias', alias: 'DP' })
        .thenError(),
    ).toMatchObject({
      code: 'actor-merged',
    });
    expect(
      given(actorDecider, [registered])
        .when({ type: 'MergeActor', into: 'dmitry-peskov', reason: 'x' })
        .thenError(),
    ).toMatchObject({
      code: 'merge-into-self',
    });
  });

  it('absorbs the names of a merged duplicate it does not already have', () => {
    const events = given(actorDecider, [registered])
      .when({
        type: 'AbsorbActor',
        from: 'd-peskov',
        name: 'D. Peskov',
        aliases: ['Peskov', 'Dmitri Peskov'],
      })
      .then();
    expect(events).toEqual([
      {
        type: 'ActorAbsorbed',
        data: {
          actorId: 'dmitry-peskov',
          from: 'd-peskov',
          aliases: ['D. Peskov', 'Dmitri Peskov'],
        },
      },
    ]);
  });

  it('refuses commands on an actor that was never registered', () => {
    expect(
      given(actorDecider).when({ type: 'AddActorAlias', alias: 'x' }).thenError(),
    ).toMatchObject({ code: 'actor-not-found', category: 'not-found' });
  });
});

describe('actor affiliation ids', () => {
  it('refuses to end an affiliation the actor does not have', () => {
    expect(
      given(actorDecider, [registered])
        .when({ type: 'EndActorAffiliation', affiliationId: 'none', to: '2030-01-01' })
        .thenError(),
    ).toMatchObject({
      category: 'invalid',
      field: 'affiliationId',
    });
  });
});
