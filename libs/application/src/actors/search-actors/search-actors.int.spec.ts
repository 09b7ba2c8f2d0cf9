import { HttpException, NotFoundException } from '@nestjs/common';
import { MergeActorsCommand } from '../merge-actors/merge-actors.command';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { GetActorQuery } from '../get-actor/get-actor.query';
import { SearchActorsQuery } from './search-actors.query';

describe('SearchActorsQuery and actor names in paths', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(
      h,
      {
        actorId: 'china',
        name: 'China',
        kind: 'state',
        aliases: ['Beijing', "People's Republic of China"],
        countryCode: 'CN',
      },
      { actorId: 'chile', name: 'Chile', kind: 'state', countryCode: 'CL' },
      { actorId: 'societe-generale', name: 'Société Générale', kind: 'organisation' },
      { actorId: 'georgia', name: 'Georgia', kind: 'state', aliases: ['Tbilisi'] },
      {
        actorId: 'georgia-us',
        name: 'Georgia (U.S. state)',
        kind: 'government-body',
        aliases: ['Tbilisi'],
      },
      { actorId: 'prc-dup', name: 'PRC', kind: 'state' },
      'nato',
    );
    await h.commands.execute(
      new MergeActorsCommand('prc-dup', { into: 'china', reason: 'same state' }, h.context()),
    );
    const sourceId = await registerSource(h);
    await recordStatement(h, sourceId, { speakerId: 'china', targetIds: ['nato'] });
    await recordStatement(h, sourceId, { speakerId: 'prc-dup', targetIds: ['nato'] });
    await recordStatement(h, sourceId, { speakerId: 'nato', targetIds: ['china', 'chile'] });
    await h.project();
  });
  afterAll(() => h.close());

  const search = (filter: Record<string, unknown>) =>
    h.queries.execute(new SearchActorsQuery({ limit: 20, ...filter }));
  const ids = async (q: string) => (await search({ q })).items.map((i) => i.actorId);

  it('finds by prefix of an alias, ranked, with statement counts (merged duplicates included)', async () => {
    const found = await search({ q: 'beij' });
    expect(found.items.map((i) => [i.actorId, i.score])).toEqual([['china', 90]]);
    expect(found.items[0].statements).toEqual({ asSpeaker: 2, asPrincipal: 0, asTarget: 1 });
    expect(found).toMatchObject({ total: 1, totalEstimate: 1, nextCursor: null });
  });

  it('ignores case, accents and punctuation, and matches words and near spellings', async () => {
    expect(await ids('SOCIETE gen')).toEqual(['societe-generale']);
    expect(await ids('générale')).toEqual(['societe-generale']);
    expect(await ids('republic')).toEqual(['china']);
    expect(await ids('peoples republic of china')).toEqual(['china']);
    // A typo still finds it; the exact match ranks first.
    expect(await ids('chnia')).toEqual(['china']);
    expect(await ids('chile')).toEqual(['chile', 'china']);
    // Merged duplicates are found through their survivor.
    expect(await ids('prc')).toEqual(['china']);
    expect(await ids('zzzz')).toEqual([]);
  });

  it('lists by name with kind and country filters, a page at a time', async () => {
    const first = await search({ limit: 3 });
    expect(first.items.map((i) => i.actorId)).toEqual(['chile', 'china', 'georgia']);
    expect(first.total).toBe(6);
    const rest = await search({ limit: 3, cursor: first.nextCursor });
    expect(rest.items.map((i) => i.actorId)).toEqual(['georgia-us', 'nato', 'societe-generale']);
    expect(rest.nextCursor).toBeNull();
    expect((await search({ country: 'cn' })).items.map((i) => i.actorId)).toEqual(['china']);
    expect((await search({ kind: 'organisation' })).total).toBe(1);
    await expect(search({ cursor: 'bogus' })).rejects.toMatchObject({ status: 400 });
  });

  it('resolves an alias or a merged duplicate to the actor on record; several candidates are a 300', async () => {
    expect((await h.queries.execute(new GetActorQuery('beijing'))).view.actorId).toBe('china');
    expect((await h.queries.execute(new GetActorQuery('Beijing'))).view.actorId).toBe('china');
    expect((await h.queries.execute(new GetActorQuery('prc-dup'))).view.actorId).toBe('china');
    expect((await h.queries.execute(new GetActorQuery('chile'))).view.actorId).toBe('chile');
    const ambiguous = await h.queries.execute(new GetActorQuery('tbilisi')).catch((e) => e);
    expect(ambiguous).toBeInstanceOf(HttpException);
    expect(ambiguous.getStatus()).toBe(300);
    expect(ambiguous.getResponse().candidates.map((c: { actorId: string }) => c.actorId)).toEqual([
      'georgia',
      'georgia-us',
    ]);
    await expect(h.queries.execute(new GetActorQuery('atlantis'))).rejects.toThrow(
      NotFoundException,
    );
  });
});
