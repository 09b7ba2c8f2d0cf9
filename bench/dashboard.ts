/**
 * `npm run bench -- dashboard`: the web dashboard (built by scripts/build-web.mjs, served by the
 * api at `/`) in headless Chromium against an api at size — one actor with 10,000 statements
 * (nine kinds, stances on ten propositions shifting over three years, eight targets) and an
 * accusation network of 2,000 actors and 10,000 accusations (distinct accuser → accused pairs; a
 * quarter denied, acknowledged or withdrawn). The history is appended to the store as the
 * deciders emit it and projected by the api's own read models (in-process, from the feed).
 *
 * Measured: the bundle's gzipped size (every file the build wrote, level 9); the actor page from
 * navigation start to `document.body.dataset.ready === 'actor'` (data fetched, charts drawn);
 * the same API calls that page made, fetched alone in the same browser (in parallel, bodies
 * read) — render_ratio = api_ms / actor_page_ms is the share of the wait that is the api; and
 * the accusation network page to `ready === 'network'` (graph laid out and drawn). Medians of
 * BENCH_RUNS runs (default 5) after one warm-up, a fresh page each run.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  accusationStreamId,
  actorStreamId,
  KINDS,
  propositionStreamId,
  RESPONSE_EVENTS,
  ResponseKind,
  sourceStreamId,
  StatementKind,
  statementStreamId,
} from '@app/domain';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { ExpectedVersion, NewEvent, PostgresEventStore } from '@app/event-store';
import { measure } from './dashboard-browser';
import { printTable, round2, timed, withBenchApi } from './support';

const KEY = `st_benchdash001_${'D'.repeat(43)}`;
const PORT = 3919;
const ROOT = join(__dirname, '..');
/** Where scripts/build-web.mjs writes the dashboard (dist-web/ survives `nest build`). */
const WEB_DIRS = [join(ROOT, 'dist-web')];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const ACTOR = 'bench-actor';
const ACTOR_STATEMENTS = 10_000;
const PROPOSITIONS = 10;
/** The actor's counterparts: the first network actors. */
const TARGETS = 8;
const NETWORK_ACTORS = 2_000;
const ACCUSATIONS = 10_000;
/** Said dates: 2022-01-01 and the 1,095 days after it. */
const DAYS = 1_096;
const WRITERS = 8;

/** The actor's statements by kind, per hundred. */
const KIND_MIX: Array<[StatementKind, number]> = [
  ['statement', 25],
  ['criticism', 14],
  ['accusation', 12],
  ['denial', 8],
  ['warning', 10],
  ['praise', 10],
  ['appeal', 8],
  ['pledge', 6],
  ['rejection', 7],
];
const FIRST = ['North', 'South', 'East', 'West', 'New', 'Grand', 'United', 'Free', 'Royal'];
const SECOND = ['Alliance', 'Bank', 'Council', 'Ministry', 'Party', 'Union', 'Front', 'League'];
const ACTOR_KINDS = ['state', 'organisation', 'government-body', 'person', 'group'];

interface Append {
  streamId: string;
  expected: ExpectedVersion;
  events: NewEvent[];
}
/** Appends made one after the other (a command's worth); tasks run WRITERS at a time. */
type Task = Append[];

export async function benchDashboard(): Promise<Record<string, number>> {
  const bundle = bundleSizes(buildWeb());
  return withBenchApi({ port: PORT, key: KEY, env: { PROJECTIONS: 'feed' } }, async (url) => {
    const base = `http://127.0.0.1:${PORT}`;
    await generate(url);
    await caughtUp(base, 600_000);
    await describeData(base);
    const home = await fetch(`${base}/`);
    const html = await home.text();
    if (!home.ok || !/<html/i.test(html))
      throw new Error(`no dashboard at / (${home.status}): the api reads it as it starts`);
    const m = await measure(base, KEY, RUNS);
    printTable(
      `dashboard, median of ${RUNS} runs (after a warm-up), ms`,
      [
        ['actor page to ready (bench-actor)', m.actor],
        [`its ${m.calls.length} API calls alone, in parallel`, m.api],
        ['render_ratio (api / page)', m.api / m.actor],
        ['network page to ready', m.network],
        ['network pan and zoom: frame time, median', m.frames.frame_p50_ms],
        ['network pan and zoom: frame time, 95th percentile', m.frames.frame_p95_ms],
        ['network pan and zoom: longest frame', m.frames.frame_max_ms],
      ],
      ['', 'ms'],
    );
    process.stdout.write(`${JSON.stringify({ network_pan_zoom: m.frames })}\n`);
    return {
      bundle_kb_gz: bundle,
      actor_page_ms: round1(m.actor),
      api_ms: round1(m.api),
      render_ratio: round2(m.api / m.actor),
      network_ms: round1(m.network),
    };
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Runs scripts/build-web.mjs; returns the directory it wrote (the one built just now). */
function buildWeb(): string {
  const script = join(ROOT, 'scripts/build-web.mjs');
  if (!existsSync(script))
    throw new Error('scripts/build-web.mjs is missing: there is no dashboard to build yet');
  process.stderr.write('building the dashboard…\n');
  const started = Date.now();
  // Its output goes to stderr: stdout is the bench's tables and last JSON line.
  const build = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error('node scripts/build-web.mjs failed');
  const built = WEB_DIRS.find((dir) => {
    const index = join(dir, 'index.html');
    return existsSync(index) && statSync(index).mtimeMs >= started - 1_000;
  });
  if (!built) throw new Error(`the build wrote no index.html in ${WEB_DIRS.join(' or ')}`);
  return built;
}

/** Prints every file the build wrote with its gzipped size; returns their sum in KiB. */
function bundleSizes(web: string): number {
  const files = (readdirSync(web, { recursive: true }) as string[])
    .filter((file) => statSync(join(web, file)).isFile())
    .sort();
  const rows: Array<[string, number, number]> = files.map((file) => {
    const bytes = readFileSync(join(web, file));
    return [file, bytes.length / 1024, gzipSync(bytes, { level: 9 }).length / 1024];
  });
  const total = rows.reduce((sum, [, , gz]) => sum + gz, 0);
  rows.push(['total', rows.reduce((sum, [, kb]) => sum + kb, 0), total]);
  printTable(`${relative(ROOT, web)}/, KiB`, rows, ['file', 'raw KiB', 'gzip -9 KiB']);
  const perFile = Object.fromEntries(rows.slice(0, -1).map(([file, , gz]) => [file, round1(gz)]));
  process.stdout.write(`${JSON.stringify({ files_kb_gz: perFile })}\n`);
  return round1(total);
}

// ---------------------------------------------------------------------------------------------
// The history: appended to the store as the deciders emit it, projected by the api.

/** A deterministic generator (mulberry32): the same history every run. */
function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const networkActor = (i: number) => `net-${String(i).padStart(4, '0')}`;
const dayOf = (day: number) =>
  new Date(Date.UTC(2022, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
/** An append of one event, as a decider emits it. */
const append = (
  streamId: string,
  expected: ExpectedVersion,
  type: string,
  data: Record<string, unknown>,
): Append => ({
  streamId,
  expected,
  events: [{ eventId: randomUUID(), type, data, metadata: { userId: 'bench' } }],
});

/** A StatementRecorded as the statement decider emits it, and its append. */
function statement(
  sourceId: string,
  fields: {
    speakerId: string;
    kind: StatementKind;
    targetIds: string[];
    day: number;
    quote: string;
    stances?: Array<{ propositionId: string; stance: 'supports' | 'opposes' }>;
  },
): { statementId: string; append: Append } {
  const statementId = randomUUID();
  const { day, stances, ...said } = fields;
  const data = {
    statementId,
    ...said,
    principalId: null,
    cameo: KINDS[fields.kind].cameo,
    goldstein: KINDS[fields.kind].goldstein,
    summary: null,
    saidAt: { date: dayOf(day), precision: 'day' },
    confidence: 0.9,
    stances: stances ?? [],
    provenance: { method: 'manual' },
    mention: { sourceId, span: null, reportedAt: null },
  };
  const recorded = append(statementStreamId(statementId), 'no-stream', 'StatementRecorded', data);
  return { statementId, append: recorded };
}

/** The accusation an accusation-kind statement opens with it (same id), as the api records it. */
function opened(statementId: string, accuserId: string, accusedIds: string[], quote: string) {
  return append(accusationStreamId(statementId), 'no-stream', 'AccusationMade', {
    accusationId: statementId,
    statementId,
    accuserId,
    accusedIds,
    allegation: quote,
  });
}

/** Actors (the bench actor, the network), propositions and the one source everything cites. */
function registrations(sourceId: string): Task[] {
  const tasks: Task[] = [];
  const register = (streamId: string, type: string, data: Record<string, unknown>) =>
    tasks.push([append(streamId, 'no-stream', type, data)]);
  const actor = (actorId: string, name: string, kind: string) => {
    const data = { actorId, name, kind, aliases: [], wikidataId: null, countryCode: null };
    register(actorStreamId(actorId), 'ActorRegistered', data);
  };
  actor(ACTOR, 'Bench Actor', 'state');
  for (let i = 0; i < NETWORK_ACTORS; i++)
    actor(
      networkActor(i),
      `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${i}`,
      ACTOR_KINDS[i % ACTOR_KINDS.length],
    );
  for (let p = 0; p < PROPOSITIONS; p++)
    register(propositionStreamId(`bench-claim-${p}`), 'PropositionDefined', {
      propositionId: `bench-claim-${p}`,
      text: `Bench claim number ${p} is true`,
      tags: [],
    });
  register(sourceStreamId(sourceId), 'SourceRegistered', {
    sourceId,
    url: 'https://example.org/bench-dashboard',
    publisher: 'Bench',
    title: 'Bench dashboard source',
    publishedAt: null,
    sha256: null,
    text: null,
  });
  return tasks;
}

/**
 * The bench actor's statements, in said order over three years: kinds by KIND_MIX, one or two
 * of its TARGETS each, and seven in ten take a stance on one of the propositions — each
 * proposition's stance flipping every few months, with a little noise.
 */
function actorStatements(sourceId: string): Task[] {
  const random = randomFrom(1);
  const tasks: Task[] = [];
  for (let i = 0; i < ACTOR_STATEMENTS; i++) {
    let roll = random() * 100;
    const kind = KIND_MIX.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'statement';
    const day = Math.floor((i * DAYS) / ACTOR_STATEMENTS);
    const first = Math.floor(random() ** 1.5 * TARGETS);
    const targetIds = [networkActor(first)];
    if (random() < 0.15) targetIds.push(networkActor((first + 1) % TARGETS));
    const p = i % PROPOSITIONS;
    const phase = Math.floor((day + p * 37) / (60 + p * 12)) % 2;
    const stance = (random() < 0.03 ? 1 - phase : phase) === 0 ? 'supports' : 'opposes';
    const quote = `Bench actor, ${kind} number ${i}, on ${targetIds.join(' and ')} and claim ${p}.`;
    const { statementId, append } = statement(sourceId, {
      speakerId: ACTOR,
      kind,
      targetIds,
      day,
      quote,
      stances: random() < 0.7 ? [{ propositionId: `bench-claim-${p}`, stance }] : [],
    });
    tasks.push(
      kind === 'accusation' ? [append, opened(statementId, ACTOR, targetIds, quote)] : [append],
    );
  }
  return tasks;
}

/**
 * ACCUSATIONS accusations between distinct pairs of the NETWORK_ACTORS (every actor accuses at
 * least once; the accused skewed, so a few draw many). Each is its statement and the accusation
 * it opens; 15 % are then denied, 5 % acknowledged (a statement by the accused linked to it),
 * 5 % withdrawn (one by the accuser).
 */
function network(sourceId: string): Task[] {
  const random = randomFrom(2);
  const seen = new Set<number>();
  const tasks: Task[] = [];
  while (tasks.length < ACCUSATIONS) {
    const k = tasks.length;
    const accuser = k < NETWORK_ACTORS ? k : Math.floor(random() * NETWORK_ACTORS);
    const accused = Math.floor(random() ** 2 * NETWORK_ACTORS);
    if (accuser === accused || seen.has(accuser * NETWORK_ACTORS + accused)) continue;
    seen.add(accuser * NETWORK_ACTORS + accused);
    const [by, of] = [networkActor(accuser), networkActor(accused)];
    const day = Math.floor(random() * (DAYS - 30));
    const quote = `${by} accuses ${of} of breaking agreement ${k}.`;
    const made = statement(sourceId, {
      speakerId: by,
      kind: 'accusation',
      targetIds: [of],
      day,
      quote,
    });
    const task = [made.append, opened(made.statementId, by, [of], quote)];
    const roll = random();
    const response: ResponseKind | null =
      roll < 0.15 ? 'denial' : roll < 0.2 ? 'acknowledgement' : roll < 0.25 ? 'withdrawal' : null;
    if (response) {
      const respondent = response === 'withdrawal' ? by : of;
      const reply = statement(sourceId, {
        speakerId: respondent,
        kind: response === 'denial' ? 'denial' : 'statement',
        targetIds: [response === 'withdrawal' ? of : by],
        day: day + 1 + Math.floor(random() * 28),
        quote: `${respondent} on accusation ${k}: ${response}.`,
      });
      task.push(
        reply.append,
        append(accusationStreamId(made.statementId), 1, RESPONSE_EVENTS[response], {
          accusationId: made.statementId,
          statementId: reply.statementId,
          respondentId: respondent,
        }),
      );
    }
    tasks.push(task);
  }
  return tasks;
}

/** Appends the whole history, WRITERS tasks at a time; prints how long it took. */
export async function generate(url: string): Promise<void> {
  const dataSource = await openDataSource({ url, poolSize: WRITERS, migrations: ALL_MIGRATIONS });
  const store = new PostgresEventStore(dataSource);
  const sourceId = randomUUID();
  const started = Date.now();
  let events = 0;
  const run = async (label: string, tasks: Task[]) => {
    const at = Date.now();
    await timed(tasks.length, WRITERS, 1, async (i) => {
      for (const { streamId, expected, events: batch } of tasks[i]) {
        await store.append(streamId, expected, batch);
        events += batch.length;
      }
    });
    process.stderr.write(`  ${label}: ${((Date.now() - at) / 1000).toFixed(1)} s\n`);
  };
  process.stderr.write('generating the history…\n');
  try {
    await run('actors, propositions, source', registrations(sourceId));
    await run(`${ACTOR}'s ${ACTOR_STATEMENTS} statements`, actorStatements(sourceId));
    await run(`${ACCUSATIONS} accusations between ${NETWORK_ACTORS} actors`, network(sourceId));
  } finally {
    await dataSource.destroy();
  }
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(
    `appended ${events} events in ${seconds.toFixed(1)} s (${Math.round(events / seconds)}/s)\n`,
  );
}

async function get(base: string, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Waits until every read model has applied every event (none dead-lettered). */
export async function caughtUp(base: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  let reported = started;
  for (;;) {
    const details = await get(base, '/health/details');
    const report = details.projections as {
      projections: Array<{ name: string; lag: number | null }>;
      deadLetters: number;
    };
    if (report.deadLetters > 0)
      throw new Error(`${report.deadLetters} events could not be projected (dead letters)`);
    const behind = report.projections.filter((p) => p.lag !== 0);
    if (behind.length === 0) break;
    if (Date.now() - started > timeoutMs)
      throw new Error(`read models behind: ${JSON.stringify(behind)}`);
    if (Date.now() - reported > 5_000) {
      reported = Date.now();
      const lag = behind.map((p) => `${p.name} ${p.lag}`).join(', ');
      process.stderr.write(`  projecting… behind: ${lag}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`read models caught up ${seconds} s after the last append\n`);
}

/** What the api now answers for the pages measured (a check that the history is there). */
export async function describeData(base: string): Promise<void> {
  const positions = await get(base, `/actors/${ACTOR}/positions`);
  const relations = await get(base, `/actors/${ACTOR}/relations`);
  const timeline = await get(base, `/actors/${ACTOR}/timeline`);
  const graph = await get(base, '/accusation-graph');
  const edges = graph.edges as Array<{ accusations: number; byStatus: Record<string, number> }>;
  const byStatus: Record<string, number> = {};
  for (const edge of edges)
    for (const [status, n] of Object.entries(edge.byStatus))
      byStatus[status] = (byStatus[status] ?? 0) + n;
  const size = (body: unknown) => `${Math.round(JSON.stringify(body).length / 1024)} KiB`;
  process.stderr.write(
    `${ACTOR}: ${(positions.positions as unknown[]).length} positions (${size(positions)}), ` +
      `${(relations.counterparts as unknown[]).length} counterparts (${size(relations)}), ` +
      `timeline page of ${(timeline.items as unknown[]).length} (${size(timeline)}); ` +
      `accusation graph: ${(graph.nodes as unknown[]).length} nodes, ${edges.length} edges, ` +
      `${edges.reduce((n, e) => n + e.accusations, 0)} accusations ${JSON.stringify(byStatus)} ` +
      `(${size(graph)})\n`,
  );
}
