import { NotFoundException } from '@nestjs/common';
import type { TimeFilter } from '@app/projections';
import {
  defineProposition,
  recordStatement,
  registerActors,
  registerSource,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { GetAlertsQuery } from './get-alerts.query';

describe('GetAlertsQuery', () => {
  let h: Harness;
  const said: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato', {
      actorId: 'zakharova',
      name: 'Maria Zakharova',
      kind: 'person',
    });
    await defineProposition(h, 'nato-threatens-russia');
    await defineProposition(h, 'talks-are-possible');
    const sourceId = await registerSource(h);
    const say = (name: string, date: string, propositionId: string, stance: string, more = {}) =>
      recordStatement(h, sourceId, {
        saidAt: { date, precision: 'day' },
        stances: [{ propositionId, stance }],
        ...more,
      }).then((id) => (said[name] = id));
    const forRussia = { speakerId: 'zakharova', principalId: 'russia' };
    await say('threat', '2024-07-01', 'nato-threatens-russia', 'supports');
    await say('no threat', '2024-08-01', 'nato-threatens-russia', 'opposes');
    await say('talks', '2024-07-05', 'talks-are-possible', 'supports', forRussia);
    await say('no talks', '2024-07-20', 'talks-are-possible', 'opposes', forRussia);
    await h.project();
  });
  afterAll(() => h.close());

  const alerts = (filter: GetAlertsQuery['filter'] = {}, limit = 100, time: TimeFilter = {}) =>
    h.queries.execute(new GetAlertsQuery({ ...filter, limit }, time));

  it('raises a stance reversal, newest said first, with its evidence oldest first', async () => {
    const { total, alerts: list } = await alerts({ actorId: 'russia', type: 'stance-reversal' });
    expect(total).toBe(2);
    expect(list[0]).toMatchObject({
      type: 'stance-reversal',
      reason: 'stance-changed',
      actorId: 'russia',
      saidOn: '2024-08-01',
      evidence: [said.threat, said['no threat']],
      details: {
        propositionId: 'nato-threatens-russia',
        stance: 'opposes',
        previousStance: 'supports',
      },
      state: 'open',
    });
    expect(list[0].alertId).toMatch(/^[0-9a-f]{32}$/);
    expect(list[0].actions[0]).toEqual({
      action: 'dismiss',
      method: 'POST',
      href: `/alerts/${list[0].alertId}/dismissal`,
    });
    expect(list[1]).toMatchObject({ type: 'stance-reversal', saidOn: '2024-07-20' });
  });

  it('raises a self-contradiction of a speaker speaking for its principal', async () => {
    const { alerts: list } = await alerts({ type: 'self-contradiction' });
    expect(list).toEqual([
      expect.objectContaining({
        actorId: 'zakharova',
        reason: 'opposite-stance',
        evidence: [said.talks, said['no talks']],
        details: {
          propositionId: 'talks-are-possible',
          stance: 'opposes',
          previousStance: 'supports',
        },
      }),
    ]);
  });

  it('counts the total before the limit, and raises nothing asOf a date before the reversals', async () => {
    const limited = await alerts({}, 1);
    expect(limited.total).toBe(3);
    expect(limited.alerts.map((a) => a.saidOn)).toEqual(['2024-08-01']);
    expect(await alerts({}, 100, { asOf: '2024-07-10' })).toEqual({
      total: 0,
      alerts: [],
      nextCursor: null,
    });
  });

  it('answers 404 for an actor not on record', async () => {
    await expect(alerts({ actorId: 'atlantis' })).rejects.toThrow(NotFoundException);
  });
});
