/** The service's own processes (relay, projector, api) as child processes of a test. */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export type AppName = 'api' | 'relay' | 'projector';

export interface AppProcess {
  child: ChildProcess;
  /** Lines it wrote to stderr (its log), newest last. */
  log: string[];
  /** SIGTERM, then wait for it to exit. */
  stop(): Promise<void>;
  /** SIGKILL, then wait for it to exit. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

/** Starts apps/<name> under tsx with exactly `env` (plus PATH and HOME). */
export function startApp(name: AppName, env: Record<string, string>): AppProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, `apps/${name}/src/main.ts`)],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line) log.push(line);
    if (log.length > 5_000) log.splice(0, log.length - 5_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { child, log, exited, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

/** Polls `check` every 200 ms until it holds; throws naming `what` after `seconds`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  seconds = 120,
): Promise<number> {
  const started = Date.now();
  const deadline = started + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return (Date.now() - started) / 1000;
}

/** GET a status endpoint: its HTTP status and JSON body (status 0 when nothing answers). */
export async function getStatus(
  url: string,
  timeoutMs = 2_000,
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    return { status: response.status, body };
  } catch {
    return { status: 0, body: null };
  }
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}
