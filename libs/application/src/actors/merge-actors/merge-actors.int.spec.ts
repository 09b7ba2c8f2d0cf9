import { registerActors, actorStreamId } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { MergeActorsCommand } from './merge-actors.command';

describe('MergeActorsCommand', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(
      h,
      { actorId: 'russia', name: 'Russia', kind: 'state', aliases: ['Moscow'] },
      { actorId: 'moscow-dup', name: 'Moskva', kind: 'state', aliases: ['Moskwa', 'moscow'] },
      { actorId: 'rossiya', name: 'Rossiya', kind: 'state' },
    );
  });
  afterAll(() => h.close());

  const merge = (actorId: string, into: string, ifMatch?: number) =>
    h.commands.execute(
      new MergeActorsCommand(
        actorId,
        { into, reason: 'same state' },
        h.context(undefined, ifMatch),
      ),
    );
  const types = async (actorId: string) =>
    (await h.streamEvents(actorStreamId(actorId))).map((e) => `${e.version}:${e.type}`);

  it('closes the duplicate and gives the survivor the names it lacked, in one transaction', async () => {
    const result = await merge('moscow-dup', 'russia', 1);
    expect(result).toMatchObject({
      version: 2,
      view: { actorId: 'moscow-dup', mergedInto: 'russia' },
    });
    expect(await types('moscow-dup')).toEqual(['1:ActorRegistered', '2:ActorMerged']);
    const survivor = await h.streamEvents(actorStreamId('russia'));
    expect(survivor.map((e) => e.type)).toEqual(['ActorRegistered', 'ActorAbsorbed']);
    // "moscow" repeats the survivor's alias "Moscow" (names compare without case).
    expect(survivor[1].data).toEqual({
      actorId: 'russia',
      from: 'moscow-dup',
      aliases: ['Moskva', 'Moskwa'],
    });
  });

  it('refuses a survivor not on record (422 unknown-actor naming into) and merging into itself', async () => {
    expect(await h.refused(() => merge('rossiya', 'atlantis'))).toMatchObject({
      category: 'rule',
      code: 'unknown-actor',
      field: 'into',
    });
    expect(await h.refused(() => merge('rossiya', 'rossiya'))).toMatchObject({
      category: 'rule',
      code: 'merge-into-self',
      field: 'into',
    });
  });

  it('writes nothing when the survivor was itself merged (the absorb is refused after the merge)', async () => {
    expect(await h.refused(() => merge('rossiya', 'moscow-dup'))).toMatchObject({
      category: 'conflict',
      code: 'actor-merged',
    });
    expect(await types('rossiya')).toEqual(['1:ActorRegistered']);
  });

  it('refuses merging a duplicate again (409 actor-merged)', async () => {
    expect(await h.refused(() => merge('moscow-dup', 'rossiya'))).toMatchObject({
      category: 'conflict',
      code: 'actor-merged',
    });
  });
});
