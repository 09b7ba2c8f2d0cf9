import { formatCheckpoint } from '@app/event-store';
import { SealEventsCommand } from '../../audit/seal-events/seal-events.command';
import { registerActors } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { GetHealthDetailsQuery } from './get-health-details.query';

describe('GetHealthDetailsQuery', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const details = () => h.queries.execute(new GetHealthDetailsQuery());

  it('reports the database it runs on, an empty store, and no Kafka', async () => {
    if (h.config.database.mode !== 'postgres') throw new Error('the harness runs on Postgres');
    const url = new URL(h.config.database.url);
    const report = await details();
    expect(report).toMatchObject({
      status: 'ok',
      database: {
        mode: 'postgres',
        ok: true,
        location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      },
      eventStore: { head: null, lastSeal: null },
      kafka: { configured: false },
    });
    expect(report.projections).toMatchObject({ source: 'feed' });
  });

  it('reports the store head and the last seal once there are events and a seal', async () => {
    await registerActors(h, 'russia');
    await h.commands.execute(new SealEventsCommand());
    const head = await h.store.headCheckpoint();
    const report = await details();
    expect(report.eventStore).toEqual({
      head: formatCheckpoint(head!),
      lastSeal: expect.objectContaining({ sealNumber: 1, to: formatCheckpoint(head!) }),
    });
  });
});
