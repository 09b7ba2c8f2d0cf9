import { actorStreamId } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { SAMPLE_ACTORS } from '../sample-actors';
import { SeedSampleDataCommand } from './seed-sample-data.command';

describe('SeedSampleDataCommand', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  it('loads the sample story once, through the deciders, naming who seeded it', async () => {
    const first = await h.commands.execute(new SeedSampleDataCommand('cli:seed'));
    expect(first).toMatchObject({ seeded: true, actors: SAMPLE_ACTORS.length });
    expect(first.statements).toBeGreaterThan(0);
    const written = await h.eventCount();
    const [registered] = await h.streamEvents(actorStreamId('nato'));
    expect(registered).toMatchObject({
      type: 'ActorRegistered',
      metadata: { userId: 'cli:seed', correlationId: 'seed' },
    });
    const again = await h.commands.execute(new SeedSampleDataCommand('cli:seed'));
    expect(again).toEqual({
      seeded: false,
      actors: 0,
      sources: 0,
      propositions: 0,
      statements: 0,
      accusations: 0,
    });
    expect(await h.eventCount()).toBe(written);
  });
});
