import { NotFoundException } from '@nestjs/common';
import type { TimeFilter } from '@app/projections';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { GetRelationsQuery } from './get-relations.query';

describe('GetRelationsQuery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato', 'china');
    const sourceId = await registerSource(h);
    const say = (kind: string, date: string, targetIds = ['nato'], speakerId = 'russia') =>
      recordStatement(h, sourceId, {
        speakerId,
        kind,
        targetIds,
        saidAt: { date, precision: 'day' },
      });
    await say('criticism', '2024-07-02'); // −2
    await say('warning', '2024-07-20'); // −4.4
    await say('praise', '2024-08-05'); // +3.4
    await say('praise', '2024-08-06', ['china']);
    await say('accusation', '2024-07-03', ['russia'], 'nato'); // −2
    await h.project();
  });
  afterAll(() => h.close());

  const relations = (
    actorId: string,
    direction: 'outgoing' | 'incoming' = 'outgoing',
    range: { from?: string; to?: string } = {},
    time: TimeFilter = {},
  ) => h.queries.execute(new GetRelationsQuery(actorId, direction, 'month', range, time));

  it('buckets the statements toward each target by month, with counts by kind and mean Goldstein', async () => {
    const answer = await relations('russia');
    expect(answer).toMatchObject({
      actorId: 'russia',
      direction: 'outgoing',
      granularity: 'month',
    });
    expect(answer.counterparts.map((c) => [c.actorId, c.statements])).toEqual([
      ['nato', 3],
      ['china', 1],
    ]);
    const [nato, china] = answer.counterparts;
    expect(nato).toMatchObject({ name: 'NATO', meanGoldstein: -1 });
    expect(nato.series.map((b) => [b.bucket, b.statements, b.byKind])).toEqual([
      ['2024-07-01', 2, { criticism: 1, warning: 1 }],
      ['2024-08-01', 1, { praise: 1 }],
    ]);
    expect(nato.series.map((b) => b.meanGoldstein)).toEqual([-3.2, 3.4]);
    expect(china).toMatchObject({ statements: 1, meanGoldstein: 3.4 });
  });

  it('reads the other direction, a range of buckets, and asOf a date', async () => {
    const incoming = await relations('russia', 'incoming');
    expect(incoming.counterparts).toEqual([
      expect.objectContaining({ actorId: 'nato', statements: 1, meanGoldstein: -2 }),
    ]);
    const august = await relations('russia', 'outgoing', { from: '2024-08-01' });
    expect(august.counterparts.map((c) => [c.actorId, c.statements])).toEqual([
      ['china', 1],
      ['nato', 1],
    ]);
    const july = await relations('russia', 'outgoing', {}, { asOf: '2024-07-31' });
    expect(july.counterparts.map((c) => [c.actorId, c.statements])).toEqual([['nato', 2]]);
    const current = (await relations('russia')).counterparts[0].series[0];
    expect(july.counterparts[0].series[0]).toEqual(current);
  });

  it('answers 404 for an actor not on record', async () => {
    await expect(relations('atlantis')).rejects.toThrow(NotFoundException);
  });
});
