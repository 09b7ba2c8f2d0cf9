import { NotFoundException } from '@nestjs/common';
import { accusationStreamId } from '@app/domain';
import type { TimeFilter } from '@app/projections';
import { MakeAccusationCommand } from '../../accusations/make-accusation/make-accusation.command';
import { RespondToAccusationCommand } from '../../accusations/respond-to-accusation/respond-to-accusation.command';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetAccusationGraphQuery } from './get-accusation-graph.query';

describe('GetAccusationGraphQuery', () => {
  let h: Harness;
  let denied: string;
  let beforeDenial: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'nato', 'china', 'russia');
    const sourceId = await registerSource(h);
    const say = (speakerId: string, kind: string, date: string) =>
      recordStatement(h, sourceId, {
        speakerId,
        kind,
        targetIds: [],
        quote: `${speakerId} ${kind} ${date}`,
        saidAt: { date, precision: 'day' },
      });
    const accuse = async (accuserId: string, accusedId: string, date: string) => {
      const statementId = await say(accuserId, 'accusation', date);
      const input = { statementId, accusedIds: [accusedId], allegation: `${accusedId} did it` };
      return (await h.commands.execute(new MakeAccusationCommand(input, h.context()))).accusationId;
    };
    denied = await accuse('nato', 'china', '2024-07-01');
    await accuse('nato', 'china', '2024-07-10');
    const last = await accuse('russia', 'nato', '2024-08-01');
    beforeDenial = (await h.streamEvents(accusationStreamId(last)))[0].recordedAt.toISOString();
    await pause();
    const denial = { statementId: await say('china', 'denial', '2024-07-02'), response: 'denial' };
    await h.commands.execute(new RespondToAccusationCommand(denied, denial, h.context()));
    await h.project();
  });
  afterAll(() => h.close());

  const graph = (filter: Partial<GetAccusationGraphQuery['filter']> = {}, time: TimeFilter = {}) =>
    h.queries.execute(new GetAccusationGraphQuery({ limit: 50, ...filter }, time));

  it('draws accuser → accused edges counted by status, with the allegations and responses', async () => {
    const { nodes, edges } = await graph();
    expect(nodes.map((n) => n.actorId)).toEqual(['china', 'nato', 'russia']);
    expect(edges.map((e) => [e.accuserId, e.accusedId, e.accusations])).toEqual([
      ['nato', 'china', 2],
      ['russia', 'nato', 1],
    ]);
    expect(edges[0]).toMatchObject({
      byStatus: { open: 1, denied: 1, acknowledged: 0, withdrawn: 0 },
      firstSaidOn: '2024-07-01',
      lastSaidOn: '2024-07-10',
    });
    expect(edges[0].allegations[0]).toMatchObject({
      accusationId: denied,
      status: 'denied',
      responses: [expect.objectContaining({ response: 'denial', respondentId: 'china' })],
    });
  });

  it('filters by actor and status, and reads knownAt before the denial', async () => {
    const russia = await graph({ actorId: 'russia' });
    expect(russia.edges.map((e) => `${e.accuserId}>${e.accusedId}`)).toEqual(['russia>nato']);
    const deniedOnly = await graph({ status: 'denied' });
    expect(deniedOnly.edges).toEqual([
      expect.objectContaining({ accuserId: 'nato', accusedId: 'china', accusations: 1 }),
    ]);
    const before = await graph({}, { knownAt: beforeDenial });
    expect(before.edges[0].byStatus).toMatchObject({ open: 2, denied: 0 });
    const july = await graph({}, { asOf: '2024-07-31' });
    expect(july.edges.map((e) => e.accusedId)).toEqual(['china']);
  });

  it('answers 404 for an actor not on record', async () => {
    await expect(graph({ actorId: 'atlantis' })).rejects.toThrow(NotFoundException);
  });
});
