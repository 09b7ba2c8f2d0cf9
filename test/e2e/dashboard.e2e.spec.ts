/// <reference lib="dom" />
/**
 * The dashboard in a real browser (Debian's Chromium via playwright-core) against the api on
 * real Postgres with the sample story: sign in, find an actor by alias, click a chart point and
 * read its quote; the accusation network's edge statuses and an edge's allegation; the record
 * as known before a correction. Screenshots of each view go to test-artifacts/dashboard/.
 */
import { INestApplication } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { readModelsCaughtUp, withKey } from '../support/api';
import {
  DashboardRig,
  openView,
  ready,
  screenshot,
  signedIn,
  startDashboardRig,
} from '../support/browser';

/** What components/chart.tsx puts on a chart's element (see ChartProbe there). */
interface ChartProbe {
  chart: {
    spec: { marks: unknown[] };
    pixelOf(hit: { mark: number }): { x: number; y: number } | null;
  };
}
interface LineProbe {
  chart: { pixelOf(hit: { line: number; point: number }): { x: number; y: number } | null };
}
interface GraphProbe {
  cy: {
    edges(): { map<T>(f: (e: EdgeProbe) => T): T[] };
    $id(id: string): { renderedMidpoint(): { x: number; y: number } };
  };
}
interface EdgeProbe {
  data(name: string): string;
  style(name: string): string;
}

describe('dashboard in Chromium (real Postgres, sample story)', () => {
  let rig: DashboardRig;
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  let viewer: string;

  beforeAll(async () => {
    rig = await startDashboardRig();
    ({ app, base, browser } = rig);
    viewer = rig.keys.viewer;
  });
  afterAll(() => rig?.stop());

  it('signs in with a key, finds China by its alias and opens a chart point’s evidence', async () => {
    const context = await signedIn(browser, null);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.getByLabel('API key').fill('st_nosuchkey0_' + 'x'.repeat(43));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page, '#sign-in-error', 'unknown or revoked');
    await page.getByLabel('API key').fill(viewer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await ready(page, 'home');
    expect(await page.getByTestId('role').textContent()).toBe('viewer');
    await screenshot(page, 'overview');

    await page.getByLabel('Find an actor by name or alias').fill('Beijing');
    const suggestion = page.getByTestId('actor-suggestion').first();
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('China');
    await suggestion.click();
    await ready(page, 'actor');
    expect(await page.getByTestId('actor-name').textContent()).toBe('China');

    // The chart's points are the positions API's stances; click the first one on the canvas.
    const positions = await withKey(app, viewer).get('/actors/china/positions').expect(200);
    const stances = positions.body.positions.flatMap((p: { evidence: { statementId: string }[] }) =>
      p.evidence.map((e) => e.statementId),
    );
    const point = await page.evaluate(() => {
      const element = document.querySelector(
        '[data-testid=positions-chart]',
      ) as unknown as ChartProbe & HTMLElement;
      const at = element.chart.pixelOf({ mark: 0 });
      return { x: at?.x ?? -1, y: at?.y ?? -1, points: element.chart.spec.marks.length };
    });
    expect(point.points).toBeGreaterThanOrEqual(stances.length);
    await page.mouse.click(point.x, point.y);
    const quote = page.getByTestId('evidence-quote');
    await quote.waitFor();
    const link = await page
      .getByTestId('evidence')
      .getByRole('link', { name: /Full record/ })
      .getAttribute('href');
    const statementId = /#\/statements\/([0-9a-f-]+)/.exec(link ?? '')![1];
    expect(stances).toContain(statementId);
    const statement = await withKey(app, viewer).get(`/statements/${statementId}`).expect(200);
    expect((await quote.textContent())?.replace(/[“”]/g, '')).toBe(
      statement.body.quote ?? statement.body.summary,
    );
    expect(await page.getByTestId('evidence-speaker').textContent()).toBe('China');

    // The relations chart's first point (first counterpart drawn, its first period with a
    // score) opens that period's statements.
    const relations = await withKey(app, viewer)
      .get('/actors/china/relations?direction=outgoing&granularity=month')
      .expect(200);
    const first = relations.body.counterparts[0] as {
      actorId: string;
      series: { bucket: string; statements: number; meanGoldstein: number | null }[];
    };
    const bucket = first.series.find((b) => b.meanGoldstein !== null)!;
    await page.getByTestId('relations-chart').scrollIntoViewIfNeeded();
    const at = await page.evaluate(() => {
      const element = document.querySelector(
        '[data-testid=relations-chart]',
      ) as unknown as LineProbe & HTMLElement;
      return element.chart.pixelOf({ line: 0, point: 0 });
    });
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    const period = page.getByTestId('bucket-statements');
    await period.waitFor();
    expect(await period.locator('h3').textContent()).toContain(`, ${bucket.bucket} – `);
    await period.locator('li').first().waitFor();
    expect(await period.locator('li').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'actor-china');
    await context.close();
  });

  it('draws the accusation network with edges coloured by status and opens an edge', async () => {
    const context = await signedIn(browser, viewer);
    const page = await context.newPage();
    await openView(page, base, '/network', 'network');
    const edges = await page.evaluate(() => {
      const element = document.querySelector('[data-testid=network]') as unknown as GraphProbe;
      return element.cy.edges().map((e) => ({
        id: `${e.data('source')}>${e.data('target')}`,
        status: e.data('status'),
        colour: e.style('line-color'),
      }));
    });
    const graph = await withKey(app, viewer).get('/accusation-graph').expect(200);
    const expected = graph.body.edges.flatMap(
      (e: { accuserId: string; accusedId: string; byStatus: Record<string, number> }) =>
        Object.entries(e.byStatus)
          .filter(([, n]) => n > 0)
          .map(([status]) => ({ id: `${e.accuserId}>${e.accusedId}`, status })),
    );
    expect(edges.map(({ id, status }) => ({ id, status })).sort(byId)).toEqual(expected.sort(byId));
    expect(edges).toEqual(
      expect.arrayContaining([
        { id: 'nato>china', status: 'denied', colour: 'rgb(180,35,24)' },
        { id: 'united-states>china', status: 'open', colour: 'rgb(105,65,198)' },
      ]),
    );
    // Scrolled into view first; Cytoscape re-reads where its canvas is on the scroll event.
    await page.getByTestId('network').scrollIntoViewIfNeeded();
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const midpoint = await page.evaluate(() => {
      const element = document.querySelector('[data-testid=network]') as unknown as GraphProbe &
        HTMLElement;
      const { x, y } = element.cy.$id('nato>china>denied').renderedMidpoint();
      const box = element.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y };
    });
    await page.mouse.click(midpoint.x, midpoint.y);
    const details = page.getByTestId('edge-details');
    await details.waitFor();
    expect(await details.getByTestId('allegation-text').textContent()).toBe(
      'enabling Russia’s war against Ukraine',
    );
    expect(await details.getByTestId('allegation').getAttribute('data-status')).toBe('denied');
    expect(await details.getByTestId('response').first().textContent()).toMatch(/^denial by China/);
    await screenshot(page, 'network');
    await context.close();
  });

  it('shows the original attribution as known before a correction', async () => {
    const found = await withKey(app, viewer)
      .get('/statements?kind=accusation&speakerId=russian-foreign-ministry')
      .expect(200);
    const statementId = found.body.items[0].statementId as string;
    expect(found.body.items[0].principalId).toBe('russia');
    await new Promise((r) => setTimeout(r, 1100));
    const before = new Date();
    await new Promise((r) => setTimeout(r, 1100));
    await withKey(app)
      .post(`/statements/${statementId}/corrections`)
      .send({ changes: { principalId: 'kremlin' }, reason: 'the ministry spoke for the Kremlin' })
      .expect(200);
    await readModelsCaughtUp(app);

    const context = await signedIn(browser, viewer);
    const page = await context.newPage();
    await openView(page, base, `/statements/${statementId}`, 'statement');
    await expectText(page, '[data-testid=evidence-principal]', 'Kremlin');
    // Beside it, whom the speaker worked for on the day: what a reader weighs the fix against.
    await expectText(page, '[data-testid=evidence-speaker-roles]', 'foreign ministry of Russia');
    expect(await page.getByTestId('after-principalId').textContent()).toBe('kremlin');
    expect(await page.getByTestId('before-principalId').textContent()).toBe('russia');
    await screenshot(page, 'statement-corrected');

    // The control is in UTC here (the context's time zone); seconds are kept.
    await page.getByTestId('known-at').fill(before.toISOString().slice(0, 19));
    await page.waitForFunction(() => location.hash.includes('knownAt='));
    await expectText(page, '[data-testid=evidence-principal]', 'Russia');
    expect(await page.locator('[data-type=StatementCorrected]').textContent()).toContain(
      'not yet known then',
    );
    await screenshot(page, 'statement-as-known-before');
    await context.close();
  });
});

const byId = (a: { id: string; status: string }, b: { id: string; status: string }) =>
  `${a.id}|${a.status}`.localeCompare(`${b.id}|${b.status}`);

/** Waits (up to 10 s) until the element's text contains `text`; fails with what it says. */
async function expectText(page: Page, selector: string, text: string) {
  try {
    await page.waitForFunction(
      ([s, t]) => (document.querySelector(s)?.textContent ?? '').includes(t),
      [selector, text] as const,
      { timeout: 10_000 },
    );
  } catch {
    const actual = await page
      .locator(selector)
      .first()
      .textContent()
      .catch(() => null);
    throw new Error(`${selector} should contain "${text}" but says ${JSON.stringify(actual)}`);
  }
}
