import { createHarness, Harness } from '../../testing/harness';
import { GetHealthQuery } from './get-health.query';

describe('GetHealthQuery', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  it('answers ok with a live database, its latency, and no host or database name', async () => {
    const health = await h.queries.execute(new GetHealthQuery());
    expect(health).toEqual({ status: 'ok', database: { ok: true, latencyMs: expect.any(Number) } });
    expect(health.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(health.database.latencyMs).toBeLessThan(900);
  });

  it('keeps answering ok after its probe connection was killed (it reconnects)', async () => {
    await h.queries.execute(new GetHealthQuery());
    await h.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'statement-tracker health' AND datname = current_database()`,
    );
    let health = await h.queries.execute(new GetHealthQuery());
    // The probe learns of the dead connection on its first use, then opens a new one.
    if (health.status !== 'ok') health = await h.queries.execute(new GetHealthQuery());
    expect(health.status).toBe('ok');
  });
});
