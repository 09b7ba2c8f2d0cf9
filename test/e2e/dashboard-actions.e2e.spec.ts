/// <reference lib="dom" />
/**
 * The dashboard's actions and live behaviour in Chromium against the api on real Postgres
 * with the sample story: an analyst dismisses an alert (a viewer cannot); a statement POSTed
 * through the API appears on an open actor page within 2 s; an analyst pastes an article and
 * accepts a candidate; axe-core finds no serious violation on any view; the phone layout.
 */
import { INestApplication } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { withKey } from '../support/api';
import {
  openView,
  screenshot,
  seriousViolations,
  signedIn,
  DashboardRig,
  startDashboardRig,
} from '../support/browser';

const ARTICLE = [
  'Brussels, 12 July. China on Friday rejected the charge that it arms Russia.',
  '"We have never provided lethal weapons to any party," said Lin Jian, a spokesman for the',
  'Chinese foreign ministry. NATO accused Beijing of being a decisive enabler of the war.',
].join(' ');

describe('dashboard actions in Chromium (real Postgres, sample story)', () => {
  let rig: DashboardRig;
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  let keys: DashboardRig['keys'];

  beforeAll(async () => {
    rig = await startDashboardRig();
    ({ app, base, browser, keys } = rig);
  });
  afterAll(() => rig?.stop());

  const alertOn = async (actorId: string) => {
    const alerts = await withKey(app).get(`/alerts?actorId=${actorId}&state=open`).expect(200);
    return alerts.body.alerts.find((a: { reason: string }) => a.reason === 'attacks-ally') as {
      alertId: string;
    };
  };

  it('lets an analyst dismiss an alert, and shows a viewer no action', async () => {
    const alert = await alertOn('russia');
    expect(alert).toBeDefined();
    const viewer = await (await signedIn(browser, keys.viewer)).newPage();
    await openView(viewer, base, '/alerts', 'alerts');
    const item = viewer.locator(`[data-alert-id="${alert.alertId}"]`);
    expect(await item.getAttribute('data-state')).toBe('open');
    expect(await viewer.getByRole('button', { name: /^Dismiss alert/ }).count()).toBe(0);
    expect(await viewer.locator('main').textContent()).toContain('analyst key');
    await withKey(app, keys.viewer)
      .post(`/alerts/${alert.alertId}/dismissal`)
      .send({ reason: 'no' })
      .expect(403);
    await screenshot(viewer, 'alerts-viewer');

    const analyst = await (await signedIn(browser, keys.analyst)).newPage();
    await openView(analyst, base, '/alerts', 'alerts');
    await analyst.getByRole('button', { name: 'Dismiss alert attacks-ally on Russia' }).click();
    await analyst.getByLabel('Reason (kept on record)').fill('a known rift, reported elsewhere');
    await screenshot(analyst, 'alerts-dismissing');
    await analyst.getByRole('button', { name: 'Confirm dismissal' }).click();
    await analyst.waitForFunction(
      (id) =>
        document.querySelector(`[data-alert-id="${id}"]`)?.getAttribute('data-state') ===
        'dismissed',
      alert.alertId,
      { timeout: 10_000 },
    );
    const dismissed = await withKey(app).get('/alerts?actorId=russia&state=dismissed').expect(200);
    expect(dismissed.body.alerts.map((a: { alertId: string }) => a.alertId)).toContain(
      alert.alertId,
    );
    await screenshot(analyst, 'alerts-dismissed');
  });

  it('shows a statement POSTed through the API on an open actor page within 2 s', async () => {
    const page = await (await signedIn(browser, keys.viewer)).newPage();
    await openView(page, base, '/actors/china', 'actor');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=live-state]')?.textContent === 'live',
    );
    const sources = await withKey(app).get('/sources?limit=1').expect(200);
    const quote = `China will keep its borders open to trade (${Date.now()})`;
    const response = await withKey(app, keys.analyst)
      .post('/statements')
      .send({
        speakerId: 'china',
        kind: 'statement',
        targetIds: ['russia'],
        quote,
        saidAt: { date: '2024-07-12', precision: 'day' },
        source: { sourceId: sources.body.items[0].sourceId },
      })
      .expect(201);
    const answeredAt = Date.now();
    const row = page.locator(`[data-statement-id="${response.body.statementId}"]`);
    await row.waitFor({ timeout: 10_000 });
    const seenAfter = Date.now() - answeredAt;
    expect(await row.textContent()).toContain(quote);
    expect(seenAfter).toBeLessThan(2000);
    await screenshot(page, 'actor-live');
  });

  it('lets an analyst paste an article and accept a candidate', async () => {
    const page = await (await signedIn(browser, keys.analyst)).newPage();
    await openView(page, base, '/review', 'review');
    await page.getByLabel('Title').fill('China rejects the charge');
    await page.getByLabel('Publisher').fill('Test Wire');
    await page.getByLabel('Address (URL)').fill('https://example.org/test/china-rejects');
    await page.getByLabel('Article text').fill(ARTICLE);
    await page.getByRole('button', { name: 'Register and extract statements' }).click();
    await page.waitForFunction(() => /#\/review\/[0-9a-f-]+/.test(location.hash));
    await page.waitForFunction(() => document.body.dataset.ready === 'review');
    const sourceId = /#\/review\/([0-9a-f-]+)/.exec(await page.evaluate(() => location.hash))![1];
    const marks = await page.locator('mark').count();
    const candidates = page.getByTestId('candidate');
    expect(await candidates.count()).toBeGreaterThan(0);
    expect(marks).toBe(await candidates.count());
    await screenshot(page, 'review-candidates');

    const first = candidates.first();
    const candidateId = (await first.getAttribute('data-candidate-id'))!;
    await first.getByRole('button', { name: /^Accept candidate/ }).click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-candidate-id="${id}"]`)?.getAttribute('data-status') ===
        'accepted',
      candidateId,
      { timeout: 10_000 },
    );
    const listed = await withKey(app).get(`/sources/${sourceId}/candidates`).expect(200);
    const accepted = listed.body.candidates.find(
      (c: { candidateId: string }) => c.candidateId === candidateId,
    );
    expect(accepted).toMatchObject({ status: 'accepted' });
    await withKey(app).get(`/statements/${accepted.statementId}`).expect(200);
    await screenshot(page, 'review-accepted');
  });

  it('has no serious accessibility violation on any view (axe-core)', async () => {
    const context = await signedIn(browser, keys.auditor, { bypassCSP: true });
    const page = await context.newPage();
    const views: [string, string][] = [
      ['/', 'home'],
      ['/actors/china', 'actor'],
      ['/network', 'network'],
      ['/alerts', 'alerts'],
      ['/search?q=enabler', 'search'],
      ['/changes', 'changes'],
      ['/review', 'review'],
    ];
    const found: Record<string, unknown[]> = {};
    for (const [path, view] of views) {
      await openView(page, base, path, view);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found[view] = violations;
    }
    const signIn = await (await signedIn(browser, null, { bypassCSP: true })).newPage();
    await signIn.goto(`${base}/`);
    await signIn.getByLabel('API key').waitFor();
    const atSignIn = await seriousViolations(signIn);
    if (atSignIn.length > 0) found['sign-in'] = atSignIn;
    await screenshot(signIn, 'sign-in');
    expect(found).toEqual({});
  });

  it('fits a 390-px phone: no sideways scrolling, charts drawn', async () => {
    const context = await signedIn(browser, keys.viewer, { width: 390, height: 844 });
    const page = await context.newPage();
    for (const [path, view] of [
      ['/actors/china', 'actor'],
      ['/network', 'network'],
      ['/alerts', 'alerts'],
    ]) {
      await openView(page, base, path, view);
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect({ view, overflows: scroll > client }).toEqual({ view, overflows: false });
      expect(client).toBeGreaterThan(360);
      await screenshot(page, `phone-${view}`);
    }
  });
});
