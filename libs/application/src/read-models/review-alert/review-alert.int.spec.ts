import { NotFoundException } from '@nestjs/common';
import { alertStreamId } from '@app/domain';
import { GetAlertsQuery } from '../get-alerts/get-alerts.query';
import {
  defineProposition,
  recordStatement,
  registerActors,
  registerSource,
} from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { ReviewAlertCommand } from './review-alert.command';

describe('ReviewAlertCommand', () => {
  let h: Harness;
  let alertId: string;
  let projectedAt: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    await defineProposition(h, 'nato-threatens-russia');
    const sourceId = await registerSource(h);
    for (const [date, stance] of [
      ['2024-07-01', 'supports'],
      ['2024-08-01', 'opposes'],
    ])
      await recordStatement(h, sourceId, {
        saidAt: { date, precision: 'day' },
        stances: [{ propositionId: 'nato-threatens-russia', stance }],
      });
    await h.project();
    [{ alertId }] = (await h.queries.execute(new GetAlertsQuery({}, {}))).alerts;
    projectedAt = new Date().toISOString();
    await pause();
  });
  afterAll(() => h.close());

  const review = (action: 'DismissAlert' | 'ReopenAlert', reason: string, id = alertId) =>
    h.commands.execute(new ReviewAlertCommand(id, action, { reason }, h.context('key:analyst')));
  const current = async () =>
    (await h.queries.execute(new GetAlertsQuery({}, {}))).alerts.find((a) => a.alertId === alertId);

  it('dismisses an alert: AlertDismissed at version 1, and the alert reads dismissed', async () => {
    expect(await review('DismissAlert', 'editorial shift, not a reversal')).toEqual({
      alertId,
      state: 'dismissed',
      reason: 'editorial shift, not a reversal',
      version: 1,
    });
    expect(await h.streamEvents(alertStreamId(alertId))).toEqual([
      expect.objectContaining({
        type: 'AlertDismissed',
        version: 1,
        data: { alertId, reason: 'editorial shift, not a reversal', reviewedBy: 'key:analyst' },
      }),
    ]);
    await h.project();
    expect(await current()).toMatchObject({
      state: 'dismissed',
      review: { state: 'dismissed', reviewedBy: 'key:analyst' },
    });
    const dismissed = await h.queries.execute(new GetAlertsQuery({ state: 'dismissed' }, {}));
    expect(dismissed.alerts.map((a) => a.alertId)).toEqual([alertId]);
    const before = await h.queries.execute(new GetAlertsQuery({}, { knownAt: projectedAt }));
    expect(before.alerts[0]).toMatchObject({ alertId, state: 'open' });
  });

  it('refuses to dismiss it again (conflict), then reopens it: AlertReopened, state open', async () => {
    expect(await h.refused(() => review('DismissAlert', 'again'))).toMatchObject({
      category: 'conflict',
      code: 'already-dismissed',
    });
    expect(await review('ReopenAlert', 'it was a reversal')).toMatchObject({
      state: 'open',
      version: 2,
    });
    await h.project();
    expect(await current()).toMatchObject({
      state: 'open',
      review: { reason: 'it was a reversal' },
    });
    expect(await h.refused(() => review('ReopenAlert', 'again'))).toMatchObject({
      code: 'not-dismissed',
    });
  });

  it('answers 404 for an alert id not among the current alerts, writing nothing', async () => {
    const missing = '0'.repeat(32);
    expect(await h.refused(() => review('DismissAlert', 'no such', missing))).toBeInstanceOf(
      NotFoundException,
    );
    expect(await h.refused(() => review('DismissAlert', 'bad', 'nope'))).toMatchObject({
      category: 'invalid',
      field: 'alertId',
    });
  });
});
