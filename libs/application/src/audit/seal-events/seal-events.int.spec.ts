import { registerActors } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { VerifyIntegrityQuery } from '../verify-integrity/verify-integrity.query';
import { SealEventsCommand } from './seal-events.command';

describe('SealEventsCommand', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const seal = () => h.commands.execute(new SealEventsCommand());
  const head = async () =>
    (await h.dataSource.query(`SELECT max(global_position)::int AS n FROM events`))[0].n as number;

  it('writes no seal while there is nothing to seal', async () => {
    expect(await seal()).toEqual({ seals: [] });
  });

  it('seals every committed event, chained; then only what is new', async () => {
    await registerActors(h, 'russia', 'nato', 'china');
    const {
      seals: [first],
    } = await seal();
    expect(first).toMatchObject({
      sealNumber: 1,
      eventCount: 3,
      to: { globalPosition: await head() },
    });
    expect(first.sealHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await seal()).toEqual({ seals: [] });

    await registerActors(h, 'ukraine');
    const { seals } = await seal();
    expect(seals).toEqual([expect.objectContaining({ sealNumber: 2, eventCount: 1 })]);
    expect(seals[0].sealHash).not.toBe(first.sealHash);
    const stored = await h.dataSource.query(
      `SELECT seal_number FROM event_seals ORDER BY seal_number`,
    );
    expect(stored.map((row: { seal_number: string | number }) => Number(row.seal_number))).toEqual([
      1, 2,
    ]);
  });

  it('leaves a chain that verifies: every event covered, every seal checked', async () => {
    expect(await h.queries.execute(new VerifyIntegrityQuery())).toMatchObject({
      ok: true,
      eventsChecked: 4,
      sealsChecked: 2,
      unsealedEvents: 0,
      problems: [],
    });
  });
});
