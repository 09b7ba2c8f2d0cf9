/**
 * Browser tests: Debian's Chromium driven by playwright-core (no downloaded browser), headless,
 * no sandbox, no GPU, no background networking (this machine refuses outside connections).
 * Screenshots go to test-artifacts/ (git-ignored).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { seedSampleData } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { readModelsCaughtUp, startTestApi, withKey } from './api';
import { createTestDatabase, TestDatabase } from './database';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'dashboard');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The api listening on a free port (the browser needs a real socket). */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A context in UTC (datetime inputs then read as UTC) that is signed in with `key`. */
export async function signedIn(
  browser: Browser,
  key: string | null,
  options: { width?: number; height?: number; bypassCSP?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    timezoneId: 'UTC',
    bypassCSP: options.bypassCSP ?? false,
  });
  if (key)
    await context.addInitScript(
      (k: string) =>
        (globalThis as unknown as Browserish).sessionStorage.setItem('statement-tracker.key', k),
      key,
    );
  return context;
}

/** Opens a view (hash route) and waits until it says it is ready (body[data-ready]). */
export async function openView(page: Page, base: string, path: string, view: string) {
  await page.goto(`${base}/#${path}`);
  await ready(page, view);
}

export async function ready(page: Page, view: string, timeout = 30_000) {
  await page.waitForFunction(
    (name) => (globalThis as unknown as Browserish).document.body.dataset.ready === name,
    view,
    { timeout },
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The few browser globals the page functions below use (the test tsconfig has no DOM lib). */
export interface Browserish {
  sessionStorage: { setItem(key: string, value: string): void };
  document: { body: { dataset: Record<string, string | undefined> } };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's violations of serious or critical impact on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface DashboardRig {
  database: TestDatabase;
  app: INestApplication;
  /** http://127.0.0.1:<port> of the api serving the dashboard */
  base: string;
  browser: Browser;
  keys: Record<'viewer' | 'analyst' | 'auditor', string>;
  stop(): Promise<void>;
}

/**
 * The api on a fresh test database with the sample story, caught up, listening on a port;
 * a key per role; Chromium launched. `stop` undoes all of it.
 */
export async function startDashboardRig(): Promise<DashboardRig> {
  const database = await createTestDatabase(6);
  const app = await startTestApi(database);
  const base = await listen(app);
  await seedSampleData(
    new PostgresEventStore(database.dataSource),
    (work) => database.dataSource.transaction(work),
    { userId: 'seed' },
  );
  const keys = { viewer: '', analyst: '', auditor: '' };
  for (const role of ['viewer', 'analyst', 'auditor'] as const)
    keys[role] = (await withKey(app).post('/keys').send({ name: role, role }).expect(201)).body.key;
  await readModelsCaughtUp(app);
  const browser = await launchBrowser();
  return {
    database,
    app,
    base,
    browser,
    keys,
    async stop() {
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}
