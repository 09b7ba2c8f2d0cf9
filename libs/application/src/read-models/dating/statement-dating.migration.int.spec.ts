/**
 * The migration that dates statements on record agrees with the projections that date new ones:
 * a history projected by today's code, taken back to the old shape (said dates only) and migrated
 * forward again, gives the same read models — dates, bases, stance chains and relation buckets.
 */
import {
  defineProposition,
  recordStatement,
  registerActors,
  registerSource,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';

const P = 'sanctions-work';
const TABLES = {
  rm_statements: `statement_id, version, dated_on::text, date_basis, reported_on::text, recorded_on::text`,
  rm_stances: `statement_id, version, proposition_id, dated_on::text, date_basis, actor_previous, speaker_previous`,
  rm_relation_contributions: `statement_id, dated_on::text, date_basis, reported_on::text, sourced`,
  rm_relation_buckets: `from_id, target_id, granularity, bucket::text, kind, statements, goldstein_tenths, undated`,
};

describe('the statement-dating migration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato', 'china');
    await defineProposition(h, P);
    const published = await registerSource(h, { publishedAt: '2024-07-11T09:00:00Z' });
    const bare = await registerSource(h);
    const stance = (stance: string) => [{ propositionId: P, stance }];
    const unknown = { date: null, precision: 'unknown' };
    await recordStatement(h, published, {
      saidAt: { date: '2024-07-01', precision: 'day' },
      stances: stance('supports'),
    });
    await recordStatement(h, published, {
      saidAt: unknown,
      stances: stance('opposes'),
      goldstein: -4.5,
      kind: 'criticism',
    });
    await recordStatement(h, bare, { saidAt: unknown, stances: stance('supports') });
    await recordStatement(h, published, {
      speakerId: 'china',
      saidAt: unknown,
      targetIds: ['russia'],
    });
    await recordStatement(h, bare, {
      saidAt: { date: '2024-08', precision: 'month' },
      stances: stance('opposes'),
    });
    await h.project();
  });
  afterAll(() => h.close());

  const snapshot = async () => {
    const result: Record<string, unknown[]> = {};
    for (const [table, columns] of Object.entries(TABLES))
      result[table] = await h.dataSource.query(
        `SELECT ${columns} FROM ${table} ORDER BY 1, 2, 3, 4`,
      );
    return result;
  };

  it('dates the rows on record as the projections date new ones', async () => {
    const projected = await snapshot();
    expect(projected.rm_statements.map((r: any) => r.date_basis).sort()).toEqual([
      'recorded',
      'reported',
      'reported',
      'said',
      'said',
    ]);
    // Back past every later migration to the one under test, then undo that one too.
    for (;;) {
      const [{ name }] = await h.dataSource.query(
        `SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
      );
      await h.dataSource.undoLastMigration({ transaction: 'all' });
      if (name === 'StatementDating1765200000000') break;
    }
    const [{ undated }] = await h.dataSource.query(
      `SELECT count(*)::int AS undated FROM rm_statements WHERE said_on IS NULL`,
    );
    expect(undated).toBe(3);
    await h.dataSource.runMigrations({ transaction: 'all' });
    expect(await snapshot()).toEqual(projected);
  });
});
