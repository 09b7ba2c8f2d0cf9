/**
 * Alerts as a maintained read model: raised and cleared as the record changes, readable as
 * known at any moment, found through any actor involved, a page at a time, and logged as
 * changes for the live stream and the alerts topic.
 */
import { ChangeLog } from '@app/projections';
import { AddActorAffiliationCommand } from '../../actors/add-actor-affiliation/add-actor-affiliation.command';
import { CorrectStatementCommand } from '../../statements/correct-statement/correct-statement.command';
import { RetractStatementCommand } from '../../statements/retract-statement/retract-statement.command';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetAlertsQuery } from './get-alerts.query';

describe('maintained alerts', () => {
  let h: Harness;
  let sourceId: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'china', 'nato', 'kremlin', {
      actorId: 'dmitry-peskov',
      name: 'Dmitry Peskov',
      kind: 'person',
    });
    await h.commands.execute(
      new AddActorAffiliationCommand(
        'dmitry-peskov',
        { affiliationId: 'spokesman', organisationId: 'kremlin', role: 'spokesman' },
        h.context(),
      ),
    );
    sourceId = await registerSource(h);
  });
  afterAll(() => h.close());

  const alerts = (filter: GetAlertsQuery['filter'] = {}, knownAt?: string) =>
    h.queries.execute(new GetAlertsQuery(filter, knownAt ? { knownAt } : {}));
  const hostile = (overrides: Record<string, unknown>) =>
    recordStatement(h, sourceId, {
      kind: 'criticism',
      quote: 'a reckless course',
      saidAt: { date: '2024-07-15', precision: 'day' },
      ...overrides,
    });

  it('flags a self-attack, and clears it with the correction that fixes the attribution', async () => {
    const selfAttack = await hostile({ speakerId: 'russia', targetIds: ['russia'] });
    await h.project();
    const [flagged] = (await alerts({ actorId: 'russia', type: 'self-directed-hostility' })).alerts;
    expect(flagged).toMatchObject({
      type: 'self-directed-hostility',
      reason: 'attacks-itself',
      actorId: 'russia',
      partyIds: ['russia'],
      evidence: [selfAttack],
      details: { kind: 'criticism', targetIds: ['russia'] },
      state: 'open',
      clearedAt: null,
    });
    await pause();
    const beforeCorrection = new Date().toISOString();
    await pause();
    await h.commands.execute(
      new CorrectStatementCommand(
        selfAttack,
        { changes: { speakerId: 'nato' }, reason: 'it was NATO speaking' },
        h.context(),
      ),
    );
    await h.project();
    const now = await alerts({ type: 'self-directed-hostility' });
    expect(now.alerts.map((a) => a.alertId)).not.toContain(flagged.alertId);
    // As known before the correction, it was flagged.
    const then = await alerts({ type: 'self-directed-hostility' }, beforeCorrection);
    expect(then.alerts.map((a) => a.alertId)).toContain(flagged.alertId);
    // …and open then: its clearing came later. No actions: they act on the present.
    expect(then.alerts.find((a) => a.alertId === flagged.alertId)).toMatchObject({
      state: 'open',
      clearedAt: null,
      actions: [],
    });
    // Listed among the cleared, with when.
    const cleared = await alerts({ state: 'cleared', actorId: 'russia' });
    expect(cleared.alerts).toEqual([
      expect.objectContaining({ alertId: flagged.alertId, state: 'cleared', actions: [] }),
    ]);
    expect(cleared.alerts[0].clearedAt! > beforeCorrection).toBe(true);
    // Both transitions are in the change log, in order, for the actors involved.
    const changes = await new ChangeLog(h.dataSource).after(null, 1000, ['russia']);
    expect(
      changes
        .filter((c) => c.kind.startsWith('alert.') && c.ref === flagged.alertId)
        .map((c) => c.kind),
    ).toEqual(['alert.raised', 'alert.cleared']);
  });

  it('flags a spokesman attacking the body it speaks for, as of its affiliation', async () => {
    const attack = await hostile({ speakerId: 'dmitry-peskov', targetIds: ['kremlin', 'nato'] });
    await h.project();
    const { alerts: found } = await alerts({ actorId: 'kremlin', type: 'self-directed-hostility' });
    expect(found).toEqual([
      expect.objectContaining({
        reason: 'attacks-own-body',
        actorId: 'dmitry-peskov',
        evidence: [attack],
        details: expect.objectContaining({
          memberships: [{ memberId: 'dmitry-peskov', bodyId: 'kremlin', role: 'spokesman' }],
        }),
      }),
    ]);
    // A retraction clears it too.
    await h.commands.execute(
      new RetractStatementCommand(
        attack,
        { retractedOn: '2024-07-20', sourceId, note: null },
        h.context(),
      ),
    );
    await h.project();
    expect((await alerts({ actorId: 'kremlin' })).alerts).toEqual([]);
  });

  it('finds an alert through its target, and pages with a cursor and dates', async () => {
    // An ally record, then an attack on it: out-of-character, target China.
    for (const date of ['2024-01-10', '2024-02-10'])
      await recordStatement(h, sourceId, {
        speakerId: 'russia',
        kind: 'praise',
        targetIds: ['china'],
        saidAt: { date, precision: 'day' },
      });
    await hostile({
      speakerId: 'russia',
      targetIds: ['china'],
      saidAt: { date: '2024-03-01', precision: 'day' },
    });
    await h.project();
    const china = await alerts({ actorId: 'china' });
    expect(china.alerts.map((a) => [a.reason, a.actorId])).toEqual([['attacks-ally', 'russia']]);
    expect(china.alerts[0].partyIds).toEqual(['china', 'russia']);

    const all = await alerts({});
    expect(all.total).toBeGreaterThanOrEqual(1);
    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await alerts({ limit: 1, cursor });
      pages.push(...page.alerts.map((a) => a.alertId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(all.alerts.map((a) => a.alertId));
    expect((await alerts({ from: '2024-03-02' })).alerts).toEqual([]);
    expect((await alerts({ from: '2024-03-01', to: '2024-03-01' })).total).toBe(1);
    await expect(alerts({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ status: 400 });
  });

  it('migrates a record on file to the same alerts, affiliations and counts the projections keep', async () => {
    const snapshot = async () => ({
      alerts: await h.dataSource.query(
        `SELECT alert_id, known_from, known_to, type, reason, actor_id, party_ids, dated_on::text,
                date_basis, evidence, details FROM rm_alerts ORDER BY alert_id, known_from`,
      ),
      affiliations: await h.dataSource.query(
        `SELECT * FROM rm_affiliations ORDER BY actor_id, affiliation_id`,
      ),
      counts: await h.dataSource.query(`SELECT * FROM rm_actor_counts ORDER BY actor_id, role`),
    });
    const projected = await snapshot();
    expect(projected.alerts.length).toBeGreaterThanOrEqual(3);
    expect(projected.counts).toContainEqual({ actor_id: 'china', role: 'target', statements: 3 });
    for (;;) {
      const [{ name }] = await h.dataSource.query(
        `SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
      );
      await h.dataSource.undoLastMigration({ transaction: 'all' });
      if (name === 'MaintainedAlerts1765500000000') break;
    }
    await h.dataSource.runMigrations({ transaction: 'all' });
    expect(await snapshot()).toEqual(projected);
  });
});
