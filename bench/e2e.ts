/**
 * End to end: an HTTP command (POST /statements with a stance) → visible in the positions query
 * (GET /actors/:id/positions lists it as evidence), at a steady 100 and 1,000 commands/s offered
 * (open loop: commands go out on schedule whether or not earlier ones have finished). Then the
 * positions query of an actor with 100,000 statements. The api runs as its own process on a
 * fresh database and builds its read models in-process from the store feed (the default).
 */
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { openDataSource } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { NewEvent, PostgresEventStore } from '@app/event-store';
import { printTable, round2, timed, withBenchApi } from './support';

const KEY = `st_benche2e0001_${'E'.repeat(43)}`;
const PORT = 3918;
const SECONDS = 6;
// Enough speakers that a statement stays among its speaker's 20 newest while it is looked for.
const SPEAKERS = 100;
const HEAVY = 100_000;
const POLLERS = 4;
/** Stances each speaker has taken so far (all runs): the n-th is visible once n are counted. */
const stancesBySpeaker = new Array<number>(SPEAKERS).fill(0);

export async function benchE2e(): Promise<Record<string, number>> {
  return withBenchApi({ port: PORT, key: KEY, env: { PROJECTIONS: 'feed' } }, async (url) => {
    try {
      const sourceId = await setUp();
      let day = 0;
      const run = async (rate: number) => {
        process.stderr.write(`${rate} commands/s for ${SECONDS}s…\n`);
        return steady(rate, sourceId, () => day++);
      };
      await run(50); // warm-up
      const at100 = await run(100);
      const at1000 = await run(1000);
      process.stderr.write(`seeding ${HEAVY} statements by one actor…\n`);
      await seedHeavyActor(url);
      await caughtUp(300_000);
      process.stderr.write('positions of that actor…\n');
      const query = await queryLatency('/actors/heavy/positions', 200);
      printTable(
        `HTTP command → visible in the positions query (open loop, ${SECONDS}s); positions of an actor with ${HEAVY} statements`,
        [
          ['100 commands/s offered', at100.achieved, at100.p50, at100.p99, at100.visible],
          ['1,000 commands/s offered', at1000.achieved, at1000.p50, at1000.p99, at1000.visible],
          [`positions query (${HEAVY} statements)`, 0, query.p50, query.p99, 200],
        ],
        ['', 'achieved/s', 'p50 ms', 'p99 ms', 'samples'],
      );
      return {
        p50_ms_100: at100.p50,
        p99_ms_100: at100.p99,
        achieved_100: Math.round(at100.achieved),
        p50_ms_1000: at1000.p50,
        p99_ms_1000: at1000.p99,
        achieved_1000: Math.round(at1000.achieved),
        query_p50_ms: query.p50,
        query_p99_ms: query.p99,
      };
    } finally {
      agent.destroy();
      pollAgent.destroy();
    }
  });
}

/**
 * Offers `rate` commands/s for SECONDS. Every command's latency is measured to the moment the
 * positions query of its speaker shows it; each speaker's query is polled by one loop.
 */
async function steady(rate: number, sourceId: string, nextDay: () => number) {
  const sent = new Map<string, { at: number; speaker: number; seq: number }>();
  const latencies: number[] = [];
  let completed = 0;
  let stop = false;
  const pending = new Set<string>();
  // A few pollers (bounded load, whatever the backlog) take turns over the speakers that have
  // statements waiting; one read of a speaker's positions resolves every statement it shows.
  let turn = 0;
  const waiting = () => {
    const speakers = [...new Set([...pending].map((id) => sent.get(id)!.speaker))].sort(
      (a, b) => a - b,
    );
    if (speakers.length === 0) return null;
    return speakers.find((sp) => sp >= turn) ?? speakers[0];
  };
  const pollers = Array.from({ length: POLLERS }, async () => {
    while (!stop) {
      const speaker = waiting();
      if (speaker === null) {
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      turn = speaker + 1;
      const body = await call('GET', `/actors/speaker-${speaker}/positions`, undefined, pollAgent);
      const now = performance.now();
      type Position = {
        evidence: Array<{ statementId: string }>;
        counts: { supports: number; opposes: number };
      };
      for (const position of body.positions as Position[]) {
        // Listed among the latest evidence, or (when many newer ones crowd it out) counted: the
        // speaker's n-th statement is visible once the position counts n stances.
        const shown = new Set(position.evidence.map((e) => e.statementId));
        const counted = position.counts.supports + position.counts.opposes;
        for (const id of [...pending]) {
          const entry = sent.get(id)!;
          if (entry.speaker !== speaker) continue;
          if (shown.has(id) || entry.seq <= counted) {
            pending.delete(id);
            latencies.push(now - entry.at);
          }
        }
      }
    }
  });
  const started = performance.now();
  const total = rate * SECONDS;
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const speaker = i % SPEAKERS;
    const seq = ++stancesBySpeaker[speaker];
    const d = nextDay();
    const at = performance.now();
    inFlight.push(
      call('POST', '/statements', {
        speakerId: `speaker-${speaker}`,
        kind: 'statement',
        targetIds: ['target'],
        summary: `Bench statement ${d}.`,
        // Every command is the speaker's newest by said date, so it shows among the evidence.
        saidAt: { date: dayOf(d), precision: 'day' },
        stances: [{ propositionId: 'bench-claim', stance: d % 2 === 0 ? 'supports' : 'opposes' }],
        source: { sourceId },
      }).then((created) => {
        const id = created.statementId as string;
        sent.set(id, { at, speaker, seq });
        pending.add(id);
        completed += 1;
      }),
    );
  }
  await Promise.all(inFlight);
  const achieved = completed / ((performance.now() - started) / 1000);
  const deadline = Date.now() + 60_000;
  while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  stop = true;
  await Promise.all(pollers);
  if (latencies.length < total * 0.99)
    throw new Error(`only ${latencies.length} of ${total} were seen in the positions query`);
  latencies.sort((a, b) => a - b);
  return {
    achieved,
    visible: latencies.length,
    p50: round2(latencies[Math.floor(latencies.length * 0.5)]),
    p99: round2(latencies[Math.floor(latencies.length * 0.99)]),
  };
}

function dayOf(n: number): string {
  return new Date(Date.UTC(1990, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

/** 100,000 statements by one actor, appended straight to the store (as the decider emits them). */
async function seedHeavyActor(url: string): Promise<void> {
  const dataSource = await openDataSource({ url, poolSize: 8, migrations: ALL_MIGRATIONS });
  const store = new PostgresEventStore(dataSource);
  const event = (i: number): NewEvent => {
    const statementId = randomUUID();
    // Mostly steady positions on five propositions, shifting now and then.
    const stance = Math.floor(i / 997) % 2 === 0 ? 'supports' : 'opposes';
    return {
      eventId: randomUUID(),
      type: 'StatementRecorded',
      data: {
        statementId,
        speakerId: 'heavy',
        principalId: null,
        kind: 'statement',
        cameo: '010',
        goldstein: 0,
        targetIds: ['target'],
        quote: null,
        summary: `Heavy statement ${i}.`,
        saidAt: { date: dayOf(i % 12000), precision: 'day' },
        confidence: 1,
        stances: [{ propositionId: `heavy-claim-${i % 5}`, stance }],
        provenance: { method: 'manual' },
        mention: { sourceId: randomUUID(), span: null, reportedAt: null },
      },
    };
  };
  try {
    await timed(HEAVY / 100, 8, 100, async (t) => {
      for (let j = 0; j < 100; j++) {
        const e = event(t * 100 + j);
        await store.append(
          `statement-${(e.data as { statementId: string }).statementId}`,
          'no-stream',
          [e],
        );
      }
    });
  } finally {
    await dataSource.destroy();
  }
}

async function queryLatency(path: string, count: number) {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call('GET', path);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: round2(latencies[Math.floor(count * 0.5)]),
    p99: round2(latencies[Math.floor(count * 0.99)]),
  };
}

async function caughtUp(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await call('GET', '/health');
    const projections = (health.projections as { projections: Array<{ lag: number }> }).projections;
    if (projections.every((p) => p.lag === 0)) return;
    if (Date.now() > deadline) throw new Error('read models did not catch up');
    await new Promise((r) => setTimeout(r, 500));
  }
}

// A bounded pool: offered load beyond what the server takes queues here (and counts in the
// latency, measured from each command's scheduled time), instead of opening thousands of sockets.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
// The visibility polls have sockets of their own, so they never queue behind commands.
const pollAgent = new Agent({ keepAlive: true, maxSockets: POLLERS });

function call(
  method: string,
  path: string,
  body?: unknown,
  via: Agent = agent,
): Promise<Record<string, unknown>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: PORT,
        path,
        method,
        agent: via,
        headers: {
          authorization: `Bearer ${KEY}`,
          'content-type': 'application/json',
          ...(payload ? { 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 500) >= 300)
            reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as Record<string, unknown>);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function setUp(): Promise<string> {
  const actors = [
    { actorId: 'target', name: 'Target', kind: 'state' },
    { actorId: 'heavy', name: 'Heavy talker', kind: 'state' },
    ...Array.from({ length: SPEAKERS }, (_, i) => ({
      actorId: `speaker-${i}`,
      name: `Speaker ${i}`,
      kind: 'person',
    })),
  ];
  for (const actor of actors) await call('POST', '/actors', actor);
  await call('POST', '/propositions', {
    propositionId: 'bench-claim',
    text: 'A claim to take sides on',
  });
  return (await call('POST', '/sources', { url: 'https://example.org/bench-e2e' }))
    .sourceId as string;
}
