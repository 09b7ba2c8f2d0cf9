/**
 * Statements recorded per second over HTTP (POST /statements, 16 connections) beside the same
 * server's GET /health, in one run. The api runs as its own process on a fresh database.
 */
import autocannon from 'autocannon';
import { median, printTable, round2, withBenchApi } from './support';

const KEY = `st_benchadmin01_${'B'.repeat(43)}`;
const PORT = 3917;
const SECONDS = 8;

export async function benchApi(rounds: number): Promise<Record<string, number>> {
  return withBenchApi({ port: PORT, key: KEY }, async () => {
    const sourceId = await setUp();
    const body = JSON.stringify({
      speakerId: 'dmitry-peskov',
      principalId: 'russia',
      kind: 'warning',
      targetIds: ['nato'],
      quote: 'countermeasures against a grave threat',
      saidAt: { date: '2024-07-11', precision: 'day' },
      source: { sourceId },
      confidence: 0.9,
    });
    const record: number[] = [];
    const health: number[] = [];
    const p50: number[] = [];
    const p99: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`api round ${round}/${rounds}…\n`);
      const h = await load({ method: 'GET', path: '/health' });
      health.push(h.requests.average);
      const r = await load({ method: 'POST', path: '/statements', body });
      record.push(r.requests.average);
      p50.push(r.latency.p50);
      p99.push(r.latency.p99);
    }
    const m = {
      record: median(record),
      health: median(health),
      p50: median(p50),
      p99: median(p99),
    };
    printTable(
      `api, requests/s over ${SECONDS}s with 16 connections (median of ${rounds} rounds)`,
      [['POST /statements vs GET /health', m.record, m.health, m.record / m.health, m.p50, m.p99]],
      ['', 'record rps', 'health rps', 'ratio', 'p50 ms', 'p99 ms'],
    );
    return {
      record_rps: Math.round(m.record),
      health_rps: Math.round(m.health),
      ratio_vs_health: round2(m.record / m.health),
      p50_ms: m.p50,
      p99_ms: m.p99,
    };
  });
}

async function load(request: { method: 'GET' | 'POST'; path: string; body?: string }) {
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}${request.path}`,
    method: request.method,
    body: request.body,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    connections: 16,
    duration: SECONDS,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${request.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method,
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function setUp(): Promise<string> {
  for (const actor of [
    { actorId: 'russia', name: 'Russia', kind: 'state' },
    { actorId: 'nato', name: 'NATO', kind: 'organisation' },
    { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person' },
  ]) {
    await call('POST', '/actors', actor);
  }
  return (await call('POST', '/sources', { url: 'https://example.org/bench' })).sourceId as string;
}
