import { AddActorAliasCommand } from '../../actors/add-actor-alias/add-actor-alias.command';
import { actorStreamId, registerActors } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { SealEventsCommand } from '../seal-events/seal-events.command';
import { VerifyIntegrityQuery } from './verify-integrity.query';

describe('VerifyIntegrityQuery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    await h.commands.execute(new AddActorAliasCommand('russia', { alias: 'Moscow' }, h.context()));
  });
  afterAll(() => h.close());

  const verify = () => h.queries.execute(new VerifyIntegrityQuery());

  it('verifies the hash chains and seals of an untouched store (seal interval from the config)', async () => {
    await h.commands.execute(new SealEventsCommand());
    expect(await verify()).toEqual(
      expect.objectContaining({
        ok: true,
        eventsChecked: 3,
        streamsChecked: 2,
        sealsChecked: 1,
        unsealedEvents: 0,
        sealIntervalMs: h.config.sealIntervalMs,
        firstBroken: null,
        problems: [],
      }),
    );
  });

  it('names the first event whose content was changed behind the store’s back', async () => {
    await h.dataSource.query(
      `UPDATE events SET data = jsonb_set(data, '{alias}', '"Moskva"') WHERE stream_id = $1 AND stream_position = 2`,
      [actorStreamId('russia')],
    );
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({
      kind: 'event',
      reason: 'hash-mismatch',
      streamId: actorStreamId('russia'),
      streamPosition: 2,
    });
  });
});
