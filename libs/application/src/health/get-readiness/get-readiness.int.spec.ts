import { createHarness, Harness } from '../../testing/harness';
import { Lifecycle } from '../lifecycle';
import { GetReadinessQuery } from './get-readiness.query';

describe('GetReadinessQuery', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const readiness = () => h.queries.execute(new GetReadinessQuery());

  it('is ready with its database answering and every migration it knows applied', async () => {
    const known = h.dataSource.migrations.length;
    expect(known).toBeGreaterThan(10);
    expect(await readiness()).toEqual({
      status: 'ready',
      reasons: [],
      database: { ok: true, latencyMs: expect.any(Number) },
      migrations: { applied: known, pending: [] },
      stopping: false,
    });
  });

  it('is not ready while a migration it knows is missing from the database, naming it', async () => {
    const [last] = (await h.dataSource.query(
      'SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1',
    )) as Array<{ id: number; timestamp: string; name: string }>;
    await h.dataSource.query('DELETE FROM migrations WHERE id = $1', [last.id]);
    try {
      const answer = await readiness();
      expect(answer.status).toBe('not-ready');
      expect(answer.migrations.pending).toEqual([last.name]);
      expect(answer.reasons).toEqual([`migrations not applied: ${last.name}`]);
    } finally {
      await h.dataSource.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [
        last.id,
        last.timestamp,
        last.name,
      ]);
    }
    expect((await readiness()).status).toBe('ready');
  });

  it('is not ready once the process begins to shut down', async () => {
    h.app.get(Lifecycle).beforeApplicationShutdown();
    const answer = await readiness();
    expect(answer).toMatchObject({
      status: 'not-ready',
      stopping: true,
      reasons: ['shutting down'],
    });
    expect(answer.database.ok).toBe(true);
  });
});
