import { ConcurrencyError } from '@app/event-store';
import { actorStreamId } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { RegisterActorCommand } from './register-actor.command';

describe('RegisterActorCommand', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const register = (input: Record<string, unknown>) =>
    h.commands.execute(new RegisterActorCommand(input, h.context('key:analyst')));

  it('registers an actor under its slug: one ActorRegistered at version 1', async () => {
    const result = await register({
      actorId: 'dmitry-peskov',
      name: 'Dmitry Peskov',
      kind: 'person',
      aliases: ['Peskov'],
      countryCode: 'RU',
    });
    expect(result).toEqual({
      version: 1,
      view: {
        actorId: 'dmitry-peskov',
        name: 'Dmitry Peskov',
        kind: 'person',
        aliases: ['Peskov'],
        wikidataId: null,
        countryCode: 'RU',
        affiliations: [],
        mergedInto: null,
      },
    });
    const [event, ...rest] = await h.streamEvents(actorStreamId('dmitry-peskov'));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'ActorRegistered',
      version: 1,
      data: { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', aliases: ['Peskov'] },
      metadata: { userId: 'key:analyst' },
    });
  });

  it('refuses an actor already registered (409 actor-exists), writing nothing', async () => {
    const error = await h.refused(() =>
      register({ actorId: 'dmitry-peskov', name: 'Someone Else', kind: 'person' }),
    );
    expect(error).toMatchObject({ category: 'conflict', code: 'actor-exists', field: 'actorId' });
    expect(error).not.toBeInstanceOf(ConcurrencyError);
  });

  it('refuses malformed input naming the field: a bad slug, an alias repeating the name', async () => {
    expect(
      await h.refused(() => register({ actorId: 'Not A Slug', name: 'X', kind: 'state' })),
    ).toMatchObject({ category: 'invalid', field: 'actorId' });
    expect(
      await h.refused(() => register({ actorId: 'nato', name: 'NATO', kind: 'alliance' })),
    ).toMatchObject({ category: 'invalid', field: 'kind' });
    expect(
      await h.refused(() =>
        register({ actorId: 'nato', name: 'NATO', kind: 'organisation', aliases: ['nato'] }),
      ),
    ).toMatchObject({ category: 'invalid', field: 'aliases' });
    expect(await h.streamEvents(actorStreamId('nato'))).toEqual([]);
  });
});
