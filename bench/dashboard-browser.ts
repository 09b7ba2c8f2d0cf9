/**
 * The browser half of `npm run bench -- dashboard` (bench/dashboard.ts generates the data):
 * Chromium loads the actor and network pages, replays the actor page's API calls alone, and
 * pans and zooms the network to time its frames.
 */
import { chromium, type Page, type Request, type Response } from 'playwright-core';
import { median } from './support';

const PAGE_TIMEOUT_MS = 180_000; // for a page to become ready

/**
 * Notes, in the page's own clock (ms since its navigation started), the first moment
 * `document.body.dataset.ready` takes each value (a mutation observer fires in the same task),
 * and says so on the console. The bench waits for that message rather than polling with
 * Playwright's waitForFunction, whose injected script (~100 ms of the page's main thread on
 * its first call) would compete with the page it measures.
 */
const WATCH_READY = `(() => {
  const seen = (window.__benchReady = {});
  new MutationObserver(() => {
    const value = document.body && document.body.dataset.ready;
    if (value && !(value in seen)) {
      seen[value] = performance.now();
      console.debug('bench-ready:' + value + ':' + seen[value]);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
})();`;

/** Fetches the calls in parallel as the page does (its key, bodies read); returns the ms. */
const REPLAY = `async ({ calls, key }) => {
  const started = performance.now();
  await Promise.all(calls.map((call) =>
    fetch(call.url, { headers: { Accept: 'application/json', Authorization: 'Bearer ' + key } })
      .then((r) => { if (!r.ok) throw new Error(call.url + ': ' + r.status); return r.json(); })));
  return performance.now() - started;
}`;

/** As much of the page's world as the functions run in it use (no DOM types here). */
type Dom = {
  document: {
    body: { dataset: Record<string, string | undefined> } | null;
    querySelector(selector: string): unknown;
  };
  sessionStorage: { setItem(name: string, value: string): void };
};

type Call = { method: string; url: string };

/** The dashboard's own files (and the browser's favicon probe) are not API calls. */
const isStatic = (path: string) =>
  path === '/' || path === '/index.html' || path === '/favicon.ico' || path.startsWith('/assets/');
/** Nor is the live feed (GET /stream, server-sent events over fetch): it never ends. */
const isLive = (request: Request) =>
  new URL(request.url()).pathname === '/stream' ||
  (request.headers()['accept'] ?? '').includes('text/event-stream');

/** As the brief for this bench gives them: no sandbox, GPU, QUIC or background traffic. */
const CHROMIUM_ARGS = (
  '--no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking ' +
  '--disable-component-update --disable-sync'
).split(' ');

const runName = (run: number, runs: number) => (run === 0 ? 'warm-up' : `run ${run}/${runs}`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** One warm-up and `runs` runs of each page (fresh each time) and of the actor page's calls. */
export async function measure(base: string, key: string, runs: number) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext();
    // Signed in before the app loads.
    await context.addInitScript(
      (k: string) =>
        (globalThis as unknown as Dom).sessionStorage.setItem('statement-tracker.key', k),
      key,
    );
    await context.addInitScript({ content: WATCH_READY });
    // One tab, a fresh document each run (through about:blank). A new tab each run would also
    // measure the browser building its own omnibox popup for that tab (~300 chrome://
    // resources in this Chromium, loaded while the page under test starts): no reader's
    // dashboard pays that, and on 2 cores it competes with the page and the api alike.
    const tab = await context.newPage();
    const [actor, api, network] = [[], [], []] as number[][];
    let calls: Call[] = [];
    for (let run = 0; run <= runs; run++) {
      const page = await load(tab, base, '/#/actors/bench-actor', 'actor', run === runs);
      calls = page.calls;
      const alone = await replay(tab, base, key, calls);
      process.stderr.write(
        `actor page ${runName(run, runs)}: ${ms(page.ms)} (${calls.length} API calls); ` +
          `the calls alone ${ms(alone)}\n`,
      );
      if (run > 0) actor.push(page.ms);
      if (run > 0) api.push(alone);
    }
    for (let run = 0; run <= runs; run++) {
      const page = await load(tab, base, '/#/network', 'network', run === runs);
      const made = `${page.calls.length} API calls`;
      process.stderr.write(`network page ${runName(run, runs)}: ${ms(page.ms)} (${made})\n`);
      if (run > 0) network.push(page.ms);
    }
    // The last network page is still open: pan and zoom it as a reader would.
    const frames = await panAndZoom(tab);
    return { actor: median(actor), api: median(api), network: median(network), calls, frames };
  } finally {
    await browser.close();
  }
}

/**
 * Opens `path` in a fresh page and waits for `ready`; returns the ms from navigation start and
 * the API calls made until then (each with its status, size and time on stderr if `detail`).
 */
async function load(
  page: Page,
  base: string,
  path: string,
  ready: string,
  detail: boolean,
): Promise<{ ms: number; calls: Call[] }> {
  await page.goto('about:blank'); // so that the page below is a new document, not a hash change
  const requests: Request[] = [];
  const origin = new URL(base).origin;
  const onRequest = (request: Request) => {
    const url = new URL(request.url());
    if (url.origin === origin && !isStatic(url.pathname) && !isLive(request))
      requests.push(request);
  };
  const onResponse = (response: Response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && pathname !== '/favicon.ico')
      process.stderr.write(`  ${response.status()} for ${pathname}\n`);
  };
  const onError = (error: Error) => process.stderr.write(`  page error: ${error.message}\n`);
  page.on('request', onRequest);
  page.on('response', onResponse);
  page.on('pageerror', onError);
  const prefix = `bench-ready:${ready}:`;
  const seen = page.waitForEvent('console', {
    predicate: (message) => message.text().startsWith(prefix),
    timeout: PAGE_TIMEOUT_MS,
  });
  seen.catch(() => undefined); // awaited below; not unhandled if goto fails first
  try {
    await page.goto(`${base}${path}`, { waitUntil: 'commit' });
    const message = await seen;
    const made = [...requests];
    if (detail) await describeCalls(made);
    return {
      // The page's own clock when the observer saw it (ms since its navigation started).
      ms: Number(message.text().slice(prefix.length)),
      calls: made.map((request) => {
        const url = new URL(request.url());
        return { method: request.method(), url: `${url.pathname}${url.search}` };
      }),
    };
  } finally {
    page.off('request', onRequest);
    page.off('response', onResponse);
    page.off('pageerror', onError);
  }
}

async function describeCalls(requests: Request[]): Promise<void> {
  for (const request of requests) {
    const { pathname, search } = new URL(request.url());
    const response = await request.response();
    const bytes = (await response?.body().catch(() => null))?.length ?? 0;
    const answer = `${response?.status() ?? '-'}, ${Math.round(bytes / 1024)} KiB`;
    const took = ms(request.timing().responseEnd);
    process.stderr.write(`  ${request.method()} ${pathname}${search}: ${answer}, ${took}\n`);
  }
}

/** Times `calls` fetched alone from a fresh page of the same origin (no app running in it). */
async function replay(page: Page, base: string, key: string, calls: Call[]): Promise<number> {
  const reads = calls.filter((call) => call.method === 'GET');
  if (reads.length < calls.length)
    process.stderr.write(`  not replaying ${calls.length - reads.length} non-GET calls\n`);
  await page.goto(`${base}/health`);
  return (await page.evaluate(`(${REPLAY})(${JSON.stringify({ calls: reads, key })})`)) as number;
}

/** Notes every animation frame's time until stopped (a page's frame rate as it is used). */
const RECORD_FRAMES = `(() => {
  const times = [];
  let on = true;
  const tick = (t) => { times.push(t); if (on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.__benchFrames = () => { on = false; return times; };
})()`;

/**
 * Pans and zooms the network (2,000 actors, 10,000 edges) with the mouse — eight wheel steps
 * in, a 600-pixel drag in 30 moves, eight steps out — and reports the frames the page drew
 * meanwhile: the median and 95th-percentile time between frames, the longest, and how many
 * took over 50 ms (a reader notices those).
 */
export async function panAndZoom(page: Page) {
  const graph = page.getByTestId('network');
  await graph.scrollIntoViewIfNeeded();
  // Cytoscape ignores the wheel for 250 ms after the page scrolls (it takes it for the page's).
  await page.waitForTimeout(400);
  const box = await graph.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) throw new Error('the network view shows no graph to pan');
  // The middle of the graph's visible part, with room to drag 600 pixels right of it.
  const top = Math.max(box.y, 0);
  const bottom = Math.min(box.y + box.height, view.height);
  const [x, y] = [box.x + Math.min(box.width / 2, 40), (top + bottom) / 2 - 60];
  await page.mouse.move(x, y);
  const viewport = () =>
    page.evaluate(() => {
      const element = (globalThis as unknown as Dom).document.querySelector(
        '[data-testid=network]',
      ) as { cy?: { zoom(): number; pan(): { x: number; y: number } } } | null;
      return element?.cy ? { zoom: element.cy.zoom(), pan: element.cy.pan() } : null;
    });
  const before = await viewport();
  await page.evaluate(RECORD_FRAMES);
  const started = performance.now();
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -120);
  const zoomed = await viewport();
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(x + i * 20, y + i * 5);
  await page.mouse.up();
  const panned = await viewport();
  for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 120);
  await page.waitForTimeout(300); // the last frames after the last event
  const took = performance.now() - started;
  const times = (await page.evaluate('window.__benchFrames()')) as number[];
  // Frames are only worth timing if the graph moved.
  if (!before || !zoomed || !panned || zoomed.zoom <= before.zoom || panned.pan.x <= zoomed.pan.x)
    throw new Error(
      `the network did not zoom and pan: ${JSON.stringify({ before, zoomed, panned })}`,
    );
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const sorted = [...gaps].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const result = {
    interaction_ms: Math.round(took),
    frames: gaps.length,
    frame_p50_ms: round1(at(0.5)),
    frame_p95_ms: round1(at(0.95)),
    frame_max_ms: round1(sorted[sorted.length - 1] ?? 0),
    frames_over_50ms: gaps.filter((g) => g > 50).length,
  };
  process.stderr.write(`network pan and zoom: ${JSON.stringify(result)}\n`);
  return result;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
