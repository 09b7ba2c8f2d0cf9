/** A Kafka broker of its own (free ports, temp data dir) for a test or a benchmark, which may stop and restart it. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, 'kafka.sh');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

export interface PrivateKafka {
  brokers: string[];
  start(): void;
  /** A graceful stop (SIGTERM, waits for the broker to exit). */
  stop(): void;
  /** The broker killed with SIGKILL, as a crash or a pulled plug would leave it. */
  crash(): Promise<void>;
  remove(): void;
}

export async function privateKafka(): Promise<PrivateKafka> {
  const port = await freePort();
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(await freePort()),
    KAFKA_DATA_DIR: mkdtempSync(join(tmpdir(), 'st-private-kafka-')),
  };
  const run = (action: 'start' | 'stop') =>
    execFileSync('bash', [SCRIPT, action], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return {
    brokers: [`127.0.0.1:${port}`],
    start: () => run('start'),
    stop: () => run('stop'),
    crash: async () => {
      const pidFile = join(env.KAFKA_DATA_DIR, 'kafka.pid');
      if (!existsSync(pidFile)) return;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      rmSync(pidFile, { force: true });
    },
    remove: () => {
      run('stop');
      rmSync(env.KAFKA_DATA_DIR, { recursive: true, force: true });
    },
  };
}
