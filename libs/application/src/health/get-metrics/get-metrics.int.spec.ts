import { SealEventsCommand } from '../../audit/seal-events/seal-events.command';
import { registerActors } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { GetMetricsQuery } from './get-metrics.query';

describe('GetMetricsQuery', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const metrics = () => h.queries.execute(new GetMetricsQuery());
  const sample = (text: string, name: string) =>
    Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);

  it('exposes the store as Prometheus gauges: zero on an empty store', async () => {
    const text = await metrics();
    expect(text).toContain('# TYPE st_event_store_global_position gauge');
    expect(text).toContain('# TYPE st_projection_dead_letters_total counter');
    expect(sample(text, 'st_event_store_global_position')).toBe(0);
    expect(sample(text, 'st_event_store_streams')).toBe(0);
    expect(sample(text, 'st_event_store_seal_number')).toBe(0);
  });

  it('counts streams, the head position and the latest seal as they grow', async () => {
    await registerActors(h, 'russia', 'nato');
    await h.commands.execute(new SealEventsCommand());
    const [{ head }] = await h.dataSource.query(
      `SELECT max(global_position)::int AS head FROM events`,
    );
    const text = await metrics();
    expect(sample(text, 'st_event_store_global_position')).toBe(head);
    expect(sample(text, 'st_event_store_streams')).toBe(2);
    expect(sample(text, 'st_event_store_seal_number')).toBe(1);
    expect(text.endsWith('\n')).toBe(true);
  });
});
