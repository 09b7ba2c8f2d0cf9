/**
 * `cli replay` as an operator runs it, compiled: status says the read models were never built,
 * a dry run changes nothing, a replay killed with SIGKILL halfway resumes when run again, and
 * what it swaps in equals a clean replay.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { CommandRunner, seedSampleData, Transactional } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, TestDatabase } from '../support/database';
import { generateHistory } from '../support/history';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/cli/src/main.js');

describe('cli replay', () => {
  let database: TestDatabase;
  let events: number;
  const env = () => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: database.url,
  });
  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [MAIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: env(),
    });
    return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  const shadowExists = async () =>
    (
      await database.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'st_replay'`,
      )
    )[0].n === 1;

  beforeAll(async () => {
    database = await createTestDatabase(2);
    const store = new PostgresEventStore(database.dataSource);
    const transaction: Transactional = (work) => database.dataSource.transaction(work);
    await seedSampleData(store, transaction, { userId: 'seed' });
    await generateHistory(new CommandRunner(store, transaction), { statements: 600, seed: 3 });
    events = await store.eventsAfter(null);
  });
  afterAll(() => database.drop());

  it('says when the read models were never built, and a dry run changes nothing', async () => {
    const status = cli('projections', 'status');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^statements\s+never built$/m);
    expect(status.stdout).toMatch(/never built: actors, .*run "cli replay"/);
    const json = JSON.parse(cli('projections', 'status', '--json').stdout);
    expect(json.projections.every((p: { built: boolean }) => p.built === false)).toBe(true);

    const dry = cli('replay', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      events,
      remaining: events,
      resumes: null,
      estimatedSeconds: expect.any(Number),
    });
    expect(cli('replay', '--dry-run').stdout).toMatch(
      new RegExp(
        `from the store feed: ${events} events\\nestimated time: .*\\ndry run: nothing changed`,
      ),
    );
    expect(await shadowExists()).toBe(false);
    const [{ n }] = await database.dataSource.query(
      `SELECT count(*)::int AS n FROM projection_checkpoints`,
    );
    expect(n).toBe(0);
  });

  it('resumes after SIGKILL and swaps in what a clean replay builds', async () => {
    // Small batches, JSON progress every line: kill it once it is well under way.
    const child = spawn(process.execPath, [MAIN, 'replay', '--json', '--batch-size', '5'], {
      cwd: ROOT,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const killedAt = await new Promise<number>((done, fail) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        for (const line of stderr.split('\n').slice(0, -1)) {
          const progress = JSON.parse(line);
          if (progress.label === 'replaying' && progress.done >= events * 0.2) {
            child.kill('SIGKILL');
            done(progress.done);
            return;
          }
        }
      });
      child.on('exit', () => fail(new Error(`replay ended before it was killed:\n${stderr}`)));
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(killedAt).toBeLessThan(events);
    expect(await shadowExists()).toBe(true);
    const status = JSON.parse(cli('projections', 'status', '--json').stdout);
    expect(status.replay.unfinished.processed).toBeGreaterThanOrEqual(killedAt);
    expect(status.projections.every((p: { built: boolean }) => p.built === false)).toBe(true);
    const plan = JSON.parse(cli('replay', '--dry-run', '--json').stdout);
    expect(plan.resumes).not.toBeNull();
    expect(plan.remaining).toBeLessThan(events);

    const resumed = cli('replay', '--json');
    expect(resumed.code).toBe(0);
    const first = JSON.parse(resumed.stdout);
    expect(first).toMatchObject({ resumed: true, events });
    expect(await shadowExists()).toBe(false);

    const clean = cli('replay', '--json', '--quiet');
    expect(clean.code).toBe(0);
    expect(clean.stderr).toBe('');
    const second = JSON.parse(clean.stdout);
    expect(second).toMatchObject({ resumed: false, events });
    expect(second.checksums).toEqual(first.checksums);
    expect(Object.values(second.sameAsLive).every(Boolean)).toBe(true);
    expect(first.checksums.rm_statements.rows).toBeGreaterThan(600);
    // Every replayed read model is at the head; the change log's writer keeps no tables, is
    // not replayed and goes on from its own checkpoint (none here: no live projector ran).
    expect(first.projections).not.toContain('changes');
    const after = JSON.parse(cli('projections', 'status', '--json').stdout);
    const byName = new Map<string, { built: boolean; lag: number | null }>(
      after.projections.map((p: { projection: string; built: boolean; lag: number | null }) => [
        p.projection,
        p,
      ]),
    );
    for (const name of first.projections) expect([name, byName.get(name)?.lag]).toEqual([name, 0]);
    expect(byName.get('changes')?.built).toBe(false);
    expect(after.replay).toMatchObject({ unfinished: null, last: { events } });
  });
});
