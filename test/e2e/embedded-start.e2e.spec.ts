/**
 * `npm start` with no DATABASE_URL: the built api starts an embedded Postgres under DATA_DIR,
 * migrates it, answers /health, stops cleanly on SIGTERM and starts again on the same data.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/api/src/main.js');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(
  port: number,
  child: ChildProcess,
  output: () => string,
): Promise<Record<string, any>> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) return (await response.json()) as Record<string, any>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`api did not answer /health within 60s:\n${output()}`);
}

function walk(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((name) => join(root, name));
}

function startApi(port: number, dataDir: string) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  // The most careless umask there is: what the service writes must be owner-only anyway.
  const child = spawn('/bin/sh', ['-c', 'umask 000 && exec "$0" "$1"', process.execPath, MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

describe('embedded default (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'st-embedded-'));
  const started: ChildProcess[] = [];

  afterAll(() => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /health from the embedded Postgres, stops cleanly and starts again on the same data', async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} missing: npm test builds it first (nest build api)`);
    let firstKey = '';
    for (let start = 0; start < 2; start++) {
      const port = await freePort();
      const api = startApi(port, dataDir);
      started.push(api.child);
      const health = await waitForHealth(port, api.child, api.output);
      expect(health).toEqual({
        status: 'ok',
        database: { ok: true, latencyMs: expect.any(Number) },
      });
      expect(readdirSync(join(dataDir, 'pglite')).length).toBeGreaterThan(0);
      // The first start leaves an admin key for the one user of the embedded default.
      const keyFile = join(dataDir, 'admin-key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile, 'utf8').trim();
      if (start === 0) firstKey = key;
      expect(key).toBe(firstKey);
      const anonymous = await fetch(`http://127.0.0.1:${port}/actors/china`);
      expect(anonymous.status).toBe(401);
      const details = await fetch(`http://127.0.0.1:${port}/health/details`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(await details.json()).toMatchObject({
        status: 'ok',
        database: { mode: 'embedded', ok: true, location: join(dataDir, 'pglite') },
        kafka: { configured: false, relay: 'off: KAFKA_BROKERS is not set' },
      });
      // The sample story is loaded on the first start, and only then (the actor stays at version 1).
      const china = await fetch(`http://127.0.0.1:${port}/actors/china`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(china.status).toBe(200);
      expect(await china.json()).toMatchObject({
        name: 'China',
        aliases: expect.arrayContaining(['Beijing']),
        version: 1,
      });
      // The read models are built in-process from the embedded store: the sample story's
      // suspicious attributions are flagged.
      const deadline = Date.now() + 30_000;
      let reasons: string[] = [];
      while (Date.now() < deadline) {
        const alerts = await fetch(`http://127.0.0.1:${port}/alerts`, {
          headers: { Authorization: `Bearer ${key}` },
        });
        expect(alerts.status).toBe(200);
        reasons = ((await alerts.json()) as { alerts: Array<{ reason: string }> }).alerts.map(
          (a) => a.reason,
        );
        if (reasons.length >= 2) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(reasons.sort()).toEqual(['attacks-ally', 'contradicts-established-position']);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'pglite')).mode & 0o777).toBe(0o700);
      api.child.kill('SIGTERM');
      expect(await api.exited).toBe(0);
      const open = walk(dataDir).filter((path) => (statSync(path).mode & 0o077) !== 0);
      expect({ files: walk(dataDir).length > 100, open }).toEqual({ files: true, open: [] });
    }
  });
});
