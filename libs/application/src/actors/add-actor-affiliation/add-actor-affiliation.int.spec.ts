import { actorStreamId, registerActors } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { AddActorAffiliationCommand } from './add-actor-affiliation.command';

describe('AddActorAffiliationCommand', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(
      h,
      { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body' },
      { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' },
    );
  });
  afterAll(() => h.close());

  const affiliate = (actorId: string, input: Record<string, unknown>) =>
    h.commands.execute(new AddActorAffiliationCommand(actorId, input, h.context()));
  const spokesman = {
    affiliationId: 'kremlin-spokesman',
    organisationId: 'kremlin',
    role: 'spokesman',
    from: '2012-05-22',
  };

  it('records the affiliation, open-ended: ActorAffiliationAdded at version 2', async () => {
    const result = await affiliate('dmitry-peskov', spokesman);
    expect(result.version).toBe(2);
    expect(result.view.affiliations).toEqual([{ ...spokesman, to: null }]);
    const events = await h.streamEvents(actorStreamId('dmitry-peskov'));
    expect(events.map((e) => e.type)).toEqual(['ActorRegistered', 'ActorAffiliationAdded']);
    expect(events[1]).toMatchObject({
      version: 2,
      data: { actorId: 'dmitry-peskov', ...spokesman, to: null },
    });
  });

  it('refuses the same affiliation id twice (409 affiliation-exists)', async () => {
    expect(await h.refused(() => affiliate('dmitry-peskov', spokesman))).toMatchObject({
      category: 'conflict',
      code: 'affiliation-exists',
      field: 'affiliationId',
    });
  });

  it('refuses an actor affiliated with itself (rule) and an end before the start', async () => {
    const self = { ...spokesman, affiliationId: 'self', organisationId: 'dmitry-peskov' };
    expect(await h.refused(() => affiliate('dmitry-peskov', self))).toMatchObject({
      category: 'rule',
      code: 'self-affiliation',
      field: 'organisationId',
    });
    const backwards = {
      ...spokesman,
      affiliationId: 'later',
      from: '2020-01-01',
      to: '2019-01-01',
    };
    expect(await h.refused(() => affiliate('dmitry-peskov', backwards))).toMatchObject({
      category: 'invalid',
      field: 'to',
    });
  });

  it('refuses an organisationId not on record (422 unknown-actor naming organisationId)', async () => {
    const ghost = { ...spokesman, affiliationId: 'ghost', organisationId: 'atlantis' };
    expect(await h.refused(() => affiliate('dmitry-peskov', ghost))).toMatchObject({
      category: 'rule',
      code: 'unknown-actor',
      field: 'organisationId',
    });
  });

  it('does not let a `type` member of the input turn it into another actor command', async () => {
    const sneaky = {
      ...spokesman,
      affiliationId: 'sneaky',
      type: 'MergeActor',
      into: 'ghost',
      reason: 'r',
    };
    await affiliate('dmitry-peskov', sneaky);
    const events = await h.streamEvents(actorStreamId('dmitry-peskov'));
    expect(events.map((e) => e.type)).not.toContain('ActorMerged');
    expect(events[events.length - 1]).toMatchObject({
      type: 'ActorAffiliationAdded',
      data: { affiliationId: 'sneaky' },
    });
  });
});
