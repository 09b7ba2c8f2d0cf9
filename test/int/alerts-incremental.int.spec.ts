/**
 * The alerts projection re-checks only what a batch can change: the touched actors' alerts
 * raised by statements dated on or after the earliest date the batch touched. Over a history
 * whose statements arrive in no date order (and are corrected, re-dated, retracted, withdrawn),
 * projected in many small batches, the alerts it keeps must be exactly those the rules raise
 * over the whole record at the end.
 */
import { CommandRunner, Transactional } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  FeedProjector,
  maintainAlerts,
  ProjectionEngine,
  raisedAlerts,
} from '@app/projections';
import { createTestDatabase, TestDatabase } from '../support/database';
import { generateHistory } from '../support/history';

describe('alerts kept batch by batch = alerts raised over the whole record (real Postgres)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(4);
    const store = new PostgresEventStore(database.dataSource);
    const transaction: Transactional = (work) => database.dataSource.transaction(work);
    const runner = new CommandRunner(store, transaction);
    await generateHistory(runner, { statements: 400, seed: 23 });
    const engine = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, { source: 'feed' });
    // Small batches: hundreds of incremental re-checks, each from its own earliest date.
    await new FeedProjector(store, engine, database.dataSource, { batchSize: 9 }).catchUp();
  });
  afterAll(() => database.drop());

  it('keeps every alert the rules raise, and no other', async () => {
    const actors: string[] = (
      await database.dataSource.query(
        `SELECT actor_id FROM rm_statements UNION SELECT speaker_id FROM rm_statements`,
      )
    ).map((r: { actor_id: string }) => r.actor_id);
    const raised = await raisedAlerts(database.dataSource, actors);
    const reasons = new Set(raised.map((a) => `${a.type}/${a.reason}`));
    const expected = raised
      .map((a) => ({
        alertId: a.alertId,
        type: a.type,
        actorId: a.actorId,
        saidOn: a.saidOn,
        evidence: a.evidence,
        details: a.details,
      }))
      .sort((a, b) => a.alertId.localeCompare(b.alertId));
    const kept = await database.dataSource.query(
      `SELECT alert_id AS "alertId", type, actor_id AS "actorId", dated_on::text AS "saidOn",
              evidence, details
         FROM rm_alerts WHERE known_to IS NULL ORDER BY alert_id COLLATE "C"`,
    );
    // A history that raises each rule's alerts (else this proves little).
    expect([...reasons]).toEqual(
      expect.arrayContaining([
        'out-of-character/attacks-ally',
        'out-of-character/contradicts-established-position',
        'self-contradiction/opposite-stance',
        'stance-reversal/stance-changed',
      ]),
    );
    expect(expected.length).toBeGreaterThan(30);
    expect(kept).toEqual(expected);
  });

  it('keeps each actor’s monthly record toward each target as the statements on record sum up', async () => {
    const kept = await database.dataSource.query(
      `SELECT actor_id, target_id, month::text, statements, goldstein_sum::text
         FROM rm_actor_target_months ORDER BY 1, 2, 3`,
    );
    const summed = await database.dataSource.query(
      `SELECT s.actor_id, t.target_id, date_trunc('month', s.dated_on)::date::text AS month,
              count(*)::int AS statements, trim_scale(sum(s.goldstein::numeric))::text AS goldstein_sum
         FROM rm_statements s CROSS JOIN LATERAL (SELECT DISTINCT u FROM unnest(s.target_ids) u) t(target_id)
        WHERE s.known_to IS NULL AND s.status = 'recorded' AND t.target_id <> s.actor_id
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(summed.length).toBeGreaterThan(20);
    expect(kept).toEqual(summed);
  });

  it('raises the same alerts over the whole record without the monthly record (as the migration that first raised them, before it existed)', async () => {
    const current = () =>
      database.dataSource.query(
        `SELECT alert_id, known_from FROM rm_alerts WHERE known_to IS NULL ORDER BY alert_id COLLATE "C"`,
      );
    const before = await current();
    const runner = database.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`DROP TABLE rm_actor_target_months`);
      const actors: string[] = (
        await runner.query(
          `SELECT actor_id FROM rm_statements UNION SELECT speaker_id FROM rm_statements`,
        )
      ).map((r: { actor_id: string }) => r.actor_id);
      await maintainAlerts({ query: (t, v) => runner.query(t, v) }, actors, new Date(), false);
      const after = await runner.query(
        `SELECT alert_id, known_from FROM rm_alerts WHERE known_to IS NULL ORDER BY alert_id COLLATE "C"`,
      );
      expect(after).toEqual(before);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
