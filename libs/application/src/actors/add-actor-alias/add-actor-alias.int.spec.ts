import { ConcurrencyError } from '@app/event-store';
import { actorStreamId, registerActors } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { AddActorAliasCommand } from './add-actor-alias.command';

describe('AddActorAliasCommand', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, { actorId: 'russia', name: 'Russia', kind: 'state' });
  });
  afterAll(() => h.close());

  const addAlias = (actorId: string, alias: unknown, ifMatch?: number) =>
    h.commands.execute(new AddActorAliasCommand(actorId, { alias }, h.context(undefined, ifMatch)));

  it('adds a name the actor goes by: ActorAliasAdded at version 2', async () => {
    const result = await addAlias('russia', 'Moscow', 1);
    expect(result.version).toBe(2);
    expect(result.view.aliases).toEqual(['Moscow']);
    expect((await h.streamEvents(actorStreamId('russia'))).map((e) => [e.type, e.version])).toEqual(
      [
        ['ActorRegistered', 1],
        ['ActorAliasAdded', 2],
      ],
    );
    expect((await h.streamEvents(actorStreamId('russia')))[1].data).toEqual({
      actorId: 'russia',
      alias: 'Moscow',
    });
  });

  it('refuses a stale If-Match with a ConcurrencyError naming the current version', async () => {
    const error = await h.refused(() => addAlias('russia', 'the Kremlin', 1));
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 1, actual: 2 });
  });

  it('refuses a name the actor already has, whatever its case (409 alias-exists)', async () => {
    for (const alias of ['moscow', 'RUSSIA'])
      expect(await h.refused(() => addAlias('russia', alias))).toMatchObject({
        category: 'conflict',
        code: 'alias-exists',
        field: 'alias',
      });
  });

  it('refuses an actor that is not registered (not-found), writing nothing', async () => {
    expect(await h.refused(() => addAlias('atlantis', 'Poseidonia'))).toMatchObject({
      category: 'not-found',
      code: 'actor-not-found',
    });
    expect(await h.streamEvents(actorStreamId('atlantis'))).toEqual([]);
  });
});
