/**
 * GET /export over HTTP on real Postgres, with the api building its read models from the feed:
 * the seed story and a correction, streamed to an auditor in each format, refused to a viewer,
 * bad parameters refused naming them, and the body the same as `cli export` writes (the CLI
 * runs compiled: build dist first, as `npm run test:e2e` does).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { CSV_COLUMNS, seedSampleData } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { readModelsCaughtUp, startTestApi, withKey } from '../../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');

describe('GET /export (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const keys: Record<string, string> = {};
  let knownAt: string;
  /** The body as text: read as bytes, whatever the media type (supertest parses only some). */
  const body = (response: Response) => Buffer.from(response.body as Buffer).toString('utf8');
  const problem = (response: Response) => JSON.parse(body(response));
  const exportAs = (key: string, query: string) =>
    withKey(app, key)
      .get(`/export?${query}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  const caughtUp = () => readModelsCaughtUp(app);

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    await seedSampleData(
      new PostgresEventStore(database.dataSource),
      (work) => database.dataSource.transaction(work),
      { userId: 'seed' },
    );
    for (const role of ['viewer', 'auditor'])
      keys[role] = (
        await withKey(app)
          .post('/keys')
          .send({ name: `${role} for export`, role })
          .expect(201)
      ).body.key;
    await caughtUp();
    knownAt = new Date().toISOString();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('streams JSON lines to an auditor, one statement a line, each with its event id and hash', async () => {
    const response = await exportAs(keys.auditor, `format=jsonl&knownAt=${knownAt}`).expect(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="statements-\d{8}T\d{6}Z\.jsonl"$/,
    );
    const rows = body(response)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const [{ n }] = await database.dataSource.query(
      `SELECT count(DISTINCT statement_id)::int AS n FROM rm_statements`,
    );
    expect(rows).toHaveLength(n);
    expect(n).toBeGreaterThan(10);
    const [event] = await database.dataSource.query(
      `SELECT event_id, encode(hash, 'hex') AS hash FROM events
        WHERE stream_id = $1 AND stream_position = $2`,
      [`statement-${rows[0].statementId}`, rows[0].version],
    );
    expect(rows[0]).toMatchObject({ eventId: event.event_id, eventHash: event.hash });
  });

  it('streams CSV with the GDELT header, and PLOVER records, named for what they are', async () => {
    const csv = await exportAs(keys.auditor, `format=csv&knownAt=${knownAt}`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/filename="statements-.*\.csv"$/);
    expect(body(csv).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));

    const plover = await exportAs(keys.auditor, `format=plover&asOf=2024-07-11`).expect(200);
    expect(plover.headers['content-type']).toBe('application/x-ndjson');
    expect(plover.headers['content-disposition']).toMatch(/\.plover\.jsonl"$/);
    const records = body(plover)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record).toMatchObject({ coder: 'statement-tracker', eventHash: expect.any(String) });
      expect(record.date <= '2024-07-11').toBe(true);
    }
  });

  it('refuses a viewer, a bad format or date, and unknown parameters, naming them', async () => {
    const denied = await exportAs(keys.viewer, 'format=jsonl').expect(403);
    expect(problem(denied)).toMatchObject({ status: 403 });
    await exportAs('', 'format=jsonl').expect(401);
    for (const [query, field] of [
      ['format=xml', 'format'],
      ['format=csv&knownAt=yesterday', 'knownAt'],
      ['format=csv&asOf=2024-02-30', 'asOf'],
      ['format=csv&from=2024-07-02&to=2024-07-01', 'from'],
      ['format=csv&colour=red', 'colour'],
    ]) {
      const response = await exportAs(keys.auditor, query).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(problem(response)).toMatchObject({ status: 400, field });
    }
  });

  it('answers the same rows as `cli export` for the same instant', async () => {
    const http = body(await exportAs(keys.auditor, `format=jsonl&knownAt=${knownAt}`).expect(200));
    const cli = spawnSync(
      process.execPath,
      [CLI, 'export', '--format', 'jsonl', '--known-at', knownAt, '-q'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: database.url },
      },
    );
    expect(cli.stderr).toMatch(new RegExp(`statements as known at ${knownAt}`));
    expect(cli.status).toBe(0);
    expect(cli.stdout).toBe(http);
  });
});
