/**
 * The CLI as an auditor runs it: seal, verify (JSON), dump the feed as JSON lines, detect
 * tampering; and as a person types it: help, typos, bad values. It runs compiled, as
 * `npm run cli` does (`npm test` builds dist first).
 */
import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, TestDatabase } from '../support/database';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/cli/src/main.js');

/** Runs the compiled CLI with pipes (not a terminal) for stdout and stderr. */
function spawnCli(args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    ...options,
  });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('cli', () => {
  let database: TestDatabase;
  const cli = (...args: string[]) =>
    spawnCli(args, {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: database.url },
    });

  beforeAll(async () => {
    database = await createTestDatabase(2);
    const store = new PostgresEventStore(database.dataSource);
    for (let i = 0; i < 3; i++) {
      await store.append(`statement-${randomUUID()}`, 'no-stream', [
        { eventId: randomUUID(), type: 'StatementRecorded', data: { i } },
        { eventId: randomUUID(), type: 'StatementCorrected', data: { i } },
      ]);
    }
  });
  afterAll(() => database.drop());

  it('seals, verifies, prints the feed as JSON lines, and exits 1 naming a tampered event', async () => {
    const seal = cli('seal', '--json');
    expect(seal.code).toBe(0);
    expect(JSON.parse(seal.stdout).seals[0]).toMatchObject({ sealNumber: 1, eventCount: 6 });

    const verify = cli('verify', '--json');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({
      ok: true,
      eventsChecked: 6,
      sealsChecked: 1,
    });

    const feed = cli('feed', '--format', 'jsonl', '--limit', '4');
    expect(feed.code).toBe(0);
    const lines = feed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines.map((e) => e.type)).toEqual([
      'StatementRecorded',
      'StatementCorrected',
      'StatementRecorded',
      'StatementCorrected',
    ]);
    expect(feed.stderr).toMatch(/4 events; next --after \d+:\d+/);
    expect(feed.stderr).toMatch(/^feed: 4\/4 events \(100%.*done in/m);
    const rest = cli('feed', '--after', feed.stderr.match(/--after (\d+:\d+)/)![1]);
    expect(rest.stdout.trim().split('\n')).toHaveLength(2);

    await database.dataSource.query(`UPDATE events SET data = '{"i": 42}' WHERE event_id = $1`, [
      lines[2].eventId,
    ]);
    const broken = cli('verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout).firstBroken).toMatchObject({
      kind: 'event',
      eventId: lines[2].eventId,
    });
  });

  it('creates, lists and revokes API keys, showing the secret only once', async () => {
    const created = cli(
      'keys',
      'create',
      '--role',
      'auditor',
      '--name',
      'newsroom audit',
      '--json',
    );
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({
      role: 'auditor',
      name: 'newsroom audit',
      key: expect.stringMatching(/^st_[a-z0-9]{12}_/),
    });
    const listed = cli('keys', 'list', '--json');
    expect(listed.stdout).not.toContain(key.key);
    expect(JSON.parse(listed.stdout).keys).toContainEqual(
      expect.objectContaining({ keyId: key.keyId, revokedAt: null }),
    );
    expect(cli('keys', 'revoke', key.keyId).code).toBe(0);
    expect(cli('keys', 'revoke', key.keyId).code).toBe(1);
    expect(cli('keys', 'create', '--role', 'emperor', '--name', 'x').code).toBe(2);
  });

  it('seeds the sample data once', () => {
    const first = cli('seed', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      seeded: true,
      actors: expect.any(Number),
      statements: 15,
    });
    expect(JSON.parse(cli('seed', '--json').stdout)).toMatchObject({ seeded: false });
  });

  it('rebuilds the read models from the store feed, reports status and checksums', async () => {
    const rebuild = cli('projections', 'rebuild', '--json');
    expect(rebuild.code).toBe(0);
    // stdout is the JSON report alone; progress went to stderr as plain lines (no terminal).
    const result = JSON.parse(rebuild.stdout);
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    const progress = rebuild.stderr.trim().split('\n');
    expect(progress[0]).toMatch(new RegExp(`^rebuilding: 0/${n} events \\(0%`));
    expect(progress[progress.length - 1]).toMatch(
      new RegExp(`^rebuilding: ${n}/${n} events \\(100%, \\d+/s\\), done in [\\d.]+s$`),
    );
    expect(rebuild.stderr).not.toContain('\r');
    expect(result).toMatchObject({ events: n, rebuilt: expect.arrayContaining(['statements']) });
    // The six hand-made events at the top are not statements the read models can take.
    expect(result.deadLetters).toBe(12);
    expect(result.checksums.rm_statements.rows).toBe(15);
    const checksum = cli('projections', 'checksum', '--json');
    expect(JSON.parse(checksum.stdout)).toEqual(result.checksums);
    const status = JSON.parse(cli('projections', 'status', '--json').stdout);
    expect(status.projections.every((p: { lag: number }) => p.lag === 0)).toBe(true);
    expect(status.deadLetters).toBe(12);
    const one = cli('projections', 'rebuild', '--projection', 'relations', '--json', '--quiet');
    expect(one.stderr).toBe('');
    expect(JSON.parse(one.stdout).checksums.rm_relation_buckets).toEqual(
      result.checksums.rm_relation_buckets,
    );
    const bogus = cli('projections', 'rebuild', '--projection', 'bogus');
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/'--projection <name>' argument 'bogus' is invalid.*relations/);
  });

  it('reports the Kafka projector’s lanes (topic partitions) in projections status', async () => {
    // What apps/projector leaves behind: a checkpoint per partition lane and its last status.
    await database.dataSource.query(
      `INSERT INTO projection_checkpoints (projection, lane, transaction_id, global_position, processed)
       VALUES ('statements', 'st.statement.events:0', '5', 7, 3), ('statements', 'st.statement.events:1', '6', 9, 4)`,
    );
    await database.dataSource.query(
      `INSERT INTO projection_status (projection, source, lag, processed) VALUES ('statements', 'kafka', 2, 7)`,
    );
    try {
      const status = JSON.parse(cli('projections', 'status', '--json').stdout);
      expect(status.kafka).toEqual([
        {
          projection: 'statements',
          processed: 7,
          lag: 2,
          updatedAt: expect.any(String),
          lanes: [
            { lane: 'st.statement.events:0', checkpoint: '5:7', updatedAt: expect.any(String) },
            { lane: 'st.statement.events:1', checkpoint: '6:9', updatedAt: expect.any(String) },
          ],
        },
      ]);
      const text = cli('projections', 'status').stdout;
      expect(text).toMatch(/statements\s+kafka: 2 partitions, processed 7, lag 2/);
    } finally {
      await database.dataSource.query(`DELETE FROM projection_checkpoints WHERE lane <> 'feed'`);
      await database.dataSource.query(`DELETE FROM projection_status`);
    }
  });

  it('rejects unknown commands and formats with exit 2', () => {
    expect(cli('bogus').code).toBe(2);
    expect(cli('feed', '--format', 'csv').code).toBe(2);
  });

  it('refuses missing arguments, missing options and bad values with exit 2', () => {
    const revoke = cli('keys', 'revoke');
    expect(revoke).toMatchObject({ code: 2, stdout: '' });
    expect(revoke.stderr).toMatch(/missing required argument 'keyId'/);
    const create = cli('keys', 'create', '--role', 'admin');
    expect(create.code).toBe(2);
    expect(create.stderr).toMatch(/required option '--name <name>' not specified/);
    expect(cli('keys', 'create', '--role', 'admin', '--name', '  ').code).toBe(2);
    expect(cli('feed', '--after', 'yesterday').stderr).toMatch(/'--after <tx:gp>' argument/);
    expect(cli('verify', 'extra').code).toBe(2);
  });
});

describe('cli usage (no database)', () => {
  // A DATABASE_URL nothing listens on: help and usage errors must not need it.
  const cli = (...args: string[]) =>
    spawnCli(args, {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
  const COMMANDS = [
    'migrate',
    'verify',
    'seal',
    'feed',
    'seed',
    'replay',
    'projections',
    'keys',
    'extract',
    'audit',
    'export',
    'kafka',
    'help',
  ];

  it('--help lists every command with a description, and the exit codes', () => {
    const help = cli('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    for (const command of COMMANDS)
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b[^\\n]*? {2,}[a-z][^\\n]{10,}`, 'm'));
    expect(help.stdout).toMatch(/Exit codes:\n\s+0 .*\n[\s\S]*\s+1 .*\n[\s\S]*\s+2 +usage error/);
    expect(cli('help').stdout).toBe(help.stdout);
  });

  it('help verify and verify --help show verify’s own options with descriptions', () => {
    const viaCommand = cli('help', 'verify');
    const viaOption = cli('verify', '--help');
    expect(viaCommand.code).toBe(0);
    expect(viaOption.code).toBe(0);
    expect(viaCommand.stdout).toBe(viaOption.stdout);
    expect(viaOption.stdout).toMatch(/^Usage: cli verify \[options\]/);
    expect(viaOption.stdout).toMatch(/^ {2}--json +print the report .* as one JSON/m);
    expect(viaOption.stdout).toMatch(/^ {2}-q, --quiet +no progress on stderr/m);
    expect(viaOption.stdout).toMatch(/Examples:\n {2}\$ cli verify/);
    expect(viaOption.stdout).not.toMatch(/--limit|--role|--projection/);
    // Nested commands: each level has its own help.
    const create = cli('help', 'keys', 'create');
    expect(create.stdout).toMatch(/^Usage: cli keys create \[options\]/);
    expect(create.stdout).toMatch(/--role <role> +what the key may do \(choices: "viewer"/);
    expect(cli('projections', 'rebuild', '--help').stdout).toMatch(/--projection <name> +only/);
  });

  it('suggests the command meant by a typo, with exit 2', () => {
    for (const args of [['verfy'], ['help', 'verfy']]) {
      const typo = cli(...args);
      expect(typo).toMatchObject({ code: 2, stdout: '' });
      expect(typo.stderr).toBe(
        `error: unknown command 'verfy' (Did you mean verify?)\nRun "cli --help" for the commands.\n`,
      );
    }
    expect(cli('keys', 'revoek', 'x').stderr).toMatch(/Did you mean revoke\?/);
  });

  it('suggests --json for --jsn, with exit 2, after a command and before one', () => {
    const after = cli('verify', '--jsn');
    expect(after).toMatchObject({ code: 2, stdout: '' });
    expect(after.stderr).toBe(
      `error: unknown option '--jsn' (Did you mean --json?)\nRun "cli verify --help" for its options.\n`,
    );
    const before = cli('--jsn');
    expect(before.code).toBe(2);
    expect(before.stderr).toMatch(/^error: unknown option '--jsn' \(Did you mean --json\?\)/);
  });

  it('refuses a bad option value with exit 2, naming the option', () => {
    const limit = cli('feed', '--limit', 'abc');
    expect(limit).toMatchObject({ code: 2, stdout: '' });
    expect(limit.stderr).toBe(
      `error: option '--limit <n>' argument 'abc' is invalid. Expected a whole number of at least 1.\n` +
        `Run "cli feed --help" for its options.\n`,
    );
    expect(cli('feed', '--limit', '0').code).toBe(2);
  });

  it('shows the help on stderr with exit 2 when the command is missing', () => {
    const bare = cli();
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toMatch(/^Usage: cli <command> \[options\]/);
    expect(cli('keys')).toMatchObject({ code: 2, stdout: '' });
  });

  it('exits 1 when the work fails, here on an unreachable database', () => {
    const verify = cli('verify');
    expect(verify).toMatchObject({ code: 1, stdout: '' });
    expect(verify.stderr).toMatch(/^error: /m);
  });
});

describe('cli extract (no database)', () => {
  const run = (...args: string[]) =>
    spawnCli(args, {
      // No DATABASE_URL and a data directory that does not exist: nothing is opened.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: '/nonexistent/st-data' },
    });

  it('prints one JSON object per statement, with the documented fields', () => {
    const seed = join(ROOT, 'test/fixtures/articles/summit-week.txt');
    const result = run('extract', seed, '--format', 'jsonl');
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines)
      expect(Object.keys(line)).toEqual([
        'speaker',
        'principal',
        'kind',
        'targets',
        'quote',
        'text',
        'start',
        'end',
        'confidence',
      ]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        speaker: { id: 'dmitry-peskov', name: 'Dmitry Peskov' },
        principal: { id: 'russia', name: 'Russia' },
        kind: 'statement',
        targets: [{ id: 'nato', name: 'NATO' }],
      }),
    );
    expect(result.stderr).toMatch(/\d+ statements/);
  });

  it('reads stdin with "-", and refuses a missing file and an unknown format', () => {
    const piped = spawnCli(['extract', '-'], {
      input: 'Hungary warned Brussels against new rules.',
    });
    expect(JSON.parse(piped.stdout)).toMatchObject({
      speaker: { id: 'hungary' },
      kind: 'warning',
      targets: [{ id: 'european-union' }],
    });
    expect(run('extract', '/nonexistent/article.txt').code).toBe(1);
    expect(run('extract', 'x', '--format', 'csv').code).toBe(2);
  });
});
