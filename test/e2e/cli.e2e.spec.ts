/** The CLI as an auditor runs it: seal, verify (JSON), dump the feed as JSON lines, detect tampering. */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { PostgresEventStore } from '@app/event-store';
import { createTestDatabase, TestDatabase } from '../support/database';

const ROOT = resolve(__dirname, '../..');

describe('cli', () => {
  let database: TestDatabase;
  const cli = (...args: string[]) => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'apps/cli/src/main.ts'), ...args],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: database.url },
      },
    );
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

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
    const result = JSON.parse(rebuild.stdout);
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    expect(result).toMatchObject({ events: n, rebuilt: expect.arrayContaining(['statements']) });
    // The six hand-made events at the top are not statements the read models can take.
    expect(result.deadLetters).toBe(12);
    expect(result.checksums.rm_statements.rows).toBe(15);
    const checksum = cli('projections', 'checksum', '--json');
    expect(JSON.parse(checksum.stdout)).toEqual(result.checksums);
    const status = JSON.parse(cli('projections', 'status', '--json').stdout);
    expect(status.projections.every((p: { lag: number }) => p.lag === 0)).toBe(true);
    expect(status.deadLetters).toBe(12);
    const one = cli('projections', 'rebuild', '--projection', 'relations', '--json');
    expect(JSON.parse(one.stdout).checksums.rm_relation_buckets).toEqual(
      result.checksums.rm_relation_buckets,
    );
    expect(cli('projections', 'rebuild', '--projection', 'bogus').code).toBe(2);
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
});

describe('cli extract (no database)', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/cli/src/main.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      // No DATABASE_URL and a data directory that does not exist: nothing is opened.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: '/nonexistent/st-data' },
    });

  it('prints one JSON object per statement, with the documented fields', () => {
    const seed = join(ROOT, 'test/fixtures/articles/summit-week.txt');
    const result = run('extract', seed, '--format', 'jsonl');
    expect(result.status).toBe(0);
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
    const piped = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'apps/cli/src/main.ts'), 'extract', '-'],
      { cwd: ROOT, encoding: 'utf8', input: 'Hungary warned Brussels against new rules.' },
    );
    expect(JSON.parse(piped.stdout)).toMatchObject({
      speaker: { id: 'hungary' },
      kind: 'warning',
      targets: [{ id: 'european-union' }],
    });
    expect(run('extract', '/nonexistent/article.txt').status).toBe(1);
    expect(run('extract', 'x', '--format', 'csv').status).toBe(2);
  });
});
