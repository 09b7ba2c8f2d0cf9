import { ConcurrencyError } from '@app/event-store';
import { AddActorAffiliationCommand } from '../add-actor-affiliation/add-actor-affiliation.command';
import { actorStreamId, registerActors } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { EndActorAffiliationCommand } from './end-actor-affiliation.command';

describe('EndActorAffiliationCommand', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(
      h,
      { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body' },
      { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' },
    );
    await h.commands.execute(
      new AddActorAffiliationCommand(
        'dmitry-peskov',
        {
          affiliationId: 'kremlin-spokesman',
          organisationId: 'kremlin',
          role: 'spokesman',
          from: '2012-05-22',
        },
        h.context(),
      ),
    );
  });
  afterAll(() => h.close());

  const end = (input: Record<string, unknown>, ifMatch?: number) =>
    h.commands.execute(
      new EndActorAffiliationCommand('dmitry-peskov', input, h.context(undefined, ifMatch)),
    );

  it('refuses an end before the affiliation began, and a stale If-Match', async () => {
    expect(
      await h.refused(() => end({ affiliationId: 'kremlin-spokesman', to: '2010-01-01' })),
    ).toMatchObject({ category: 'invalid', field: 'to' });
    expect(
      await h.refused(() => end({ affiliationId: 'kremlin-spokesman', to: '2030-01-01' }, 1)),
    ).toBeInstanceOf(ConcurrencyError);
  });

  it('ends it on a date: ActorAffiliationEnded at version 3, the view closed', async () => {
    const result = await end({ affiliationId: 'kremlin-spokesman', to: '2030-01-01' }, 2);
    expect(result.version).toBe(3);
    expect(result.view.affiliations).toEqual([
      expect.objectContaining({ affiliationId: 'kremlin-spokesman', to: '2030-01-01' }),
    ]);
    const events = await h.streamEvents(actorStreamId('dmitry-peskov'));
    expect(events[2]).toEqual(
      expect.objectContaining({
        type: 'ActorAffiliationEnded',
        version: 3,
        data: { actorId: 'dmitry-peskov', affiliationId: 'kremlin-spokesman', to: '2030-01-01' },
      }),
    );
  });

  it('refuses ending it again (409) and an affiliation the actor does not have', async () => {
    expect(
      await h.refused(() => end({ affiliationId: 'kremlin-spokesman', to: '2031-01-01' })),
    ).toMatchObject({ category: 'conflict', code: 'affiliation-ended', field: 'affiliationId' });
    expect(await h.refused(() => end({ affiliationId: 'nope', to: '2031-01-01' }))).toMatchObject({
      category: 'invalid',
      field: 'affiliationId',
    });
  });
});
