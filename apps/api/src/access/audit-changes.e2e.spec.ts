/**
 * GET /audit/changes and `cli audit changes|history` on real Postgres, the api projecting the
 * feed: between K1 and K2 exactly the correction made in between (before and after, who, why),
 * the same list from the CLI, auditors only, and bad parameters refused by name. The CLI runs
 * compiled (build dist first, as `npm run test:e2e` does).
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { seedSampleData } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { startTestApi, withKey } from '../../../../test/support/api';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';

const ROOT = resolve(__dirname, '../../../..');
const CLI = join(ROOT, 'dist/apps/cli/src/main.js');

describe('GET /audit/changes, cli audit (real Postgres)', () => {
  let database: TestDatabase;
  let app: INestApplication;
  const keys: Record<string, string> = {};
  let statementId: string;
  let k1: string;
  let k2: string;
  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: database.url },
    });
    return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
  };
  const dbNow = async () =>
    new Date(
      (await database.dataSource.query(`SELECT clock_timestamp() AS t`))[0].t as Date,
    ).toISOString();
  const pause = () => new Promise((r) => setTimeout(r, 20));

  beforeAll(async () => {
    database = await createTestDatabase(4);
    app = await startTestApi(database);
    await seedSampleData(
      new PostgresEventStore(database.dataSource),
      (work) => database.dataSource.transaction(work),
      { userId: 'seed' },
    );
    for (const role of ['viewer', 'analyst', 'auditor'])
      keys[role] = (
        await withKey(app)
          .post('/keys')
          .send({ name: `${role} for audit`, role })
          .expect(201)
      ).body.key;
    [{ statement_id: statementId }] = await database.dataSource.query(
      `SELECT data->>'statementId' AS statement_id FROM events
        WHERE type = 'StatementRecorded' AND data->>'speakerId' = 'dmitry-peskov' LIMIT 1`,
    );
    k1 = await dbNow();
    await pause();
    await withKey(app, keys.analyst)
      .post(`/statements/${statementId}/corrections`)
      .set('If-Match', '"1"')
      .send({ changes: { principalId: 'china' }, reason: 'he spoke for the ministry of China' })
      .expect(200);
    await pause();
    k2 = await dbNow();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('lists exactly the correction made between K1 and K2, to an auditor', async () => {
    const response = await withKey(app, keys.auditor)
      .get(`/audit/changes?from=${k1}&to=${k2}`)
      .expect(200);
    const events = response.body.items.filter((i: { eventId: string | null }) => i.eventId);
    expect(events).toEqual([
      expect.objectContaining({
        change: 'statement.corrected',
        record: {
          kind: 'statement',
          id: statementId,
          version: 2,
          href: `/statements/${statementId}`,
        },
        who: expect.stringMatching(/^key:/),
        why: 'he spoke for the ministry of China',
        before: { principalId: 'russia' },
        after: { principalId: 'china' },
      }),
    ]);
    expect(response.body).toMatchObject({ from: k1, to: k2, nextCursor: null });
  });

  it('gives the CLI the same changes, as JSON and for a person', () => {
    const json = cli('audit', 'changes', '--from', k1, '--to', k2, '--json', '--quiet');
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout);
    expect(listed.changes.map((c: { change: string }) => c.change)).toContain(
      'statement.corrected',
    );
    const text = cli('audit', 'changes', '--from', k1, '--to', k2, '--quiet');
    expect(text.stdout).toMatch(
      new RegExp(`statement\\.corrected +statement ${statementId} v2 +by key:`),
    );
    expect(text.stdout).toContain('principalId: "russia" → "china"');
    expect(text.stdout).toContain('why: he spoke for the ministry of China');
    const history = cli('audit', 'history', statementId, '--kind', 'statement');
    expect(history.code).toBe(0);
    expect(history.stdout.match(/statement\.(recorded|corrected)/g)).toEqual([
      'statement.recorded',
      'statement.corrected',
    ]);
    expect(cli('audit', 'changes', '--from', 'last week').code).toBe(2);
    expect(cli('audit', 'changes', '--from', k2, '--to', k1).code).toBe(2);
    expect(cli('audit', 'history', '00000000-0000-4000-8000-000000000000').code).toBe(1);
  });

  it('is for auditors, and names the bad parameter', async () => {
    await withKey(app, keys.viewer).get(`/audit/changes?from=${k1}`).expect(403);
    await withKey(app, keys.analyst).get(`/audit/changes?from=${k1}`).expect(403);
    for (const [query, field] of [
      ['', 'from'],
      [`from=${k2}&to=${k1}`, 'to'],
      ['from=yesterday', 'from'],
      [`from=${k1}&to=2024-02-30T00:00:00Z`, 'to'],
      [`from=${k1}&limit=0`, 'limit'],
      [`from=${k1}&cursor=abc`, 'cursor'],
      [`from=${k1}&colour=red`, 'colour'],
    ]) {
      const response = await withKey(app, keys.auditor).get(`/audit/changes?${query}`).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.field ?? response.body.errors?.[0]?.field).toBe(field);
    }
  });
});
