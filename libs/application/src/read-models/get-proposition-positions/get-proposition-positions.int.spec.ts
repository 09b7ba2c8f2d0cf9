import { NotFoundException } from '@nestjs/common';
import type { TimeFilter } from '@app/projections';
import {
  defineProposition,
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetPropositionPositionsQuery } from './get-proposition-positions.query';

const P = 'nato-threatens-russia';
const said = (speakerId: string, date: string, stance: string) => ({
  speakerId,
  saidAt: { date, precision: 'day' },
  stances: [{ propositionId: P, stance }],
});

describe('GetPropositionPositionsQuery', () => {
  let h: Harness;
  let reversal: string;
  let beforeChina: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato', 'china');
    await defineProposition(h, P, 'NATO threatens Russia');
    await defineProposition(h, 'unheard-of');
    const sourceId = await registerSource(h);
    await recordStatement(h, sourceId, said('russia', '2024-07-01', 'supports'));
    reversal = await recordStatement(h, sourceId, said('russia', '2024-08-01', 'opposes'));
    beforeChina = (await h.streamEvents(statementStreamId(reversal)))[0].recordedAt.toISOString();
    await pause();
    await recordStatement(h, sourceId, said('china', '2024-07-20', 'supports'));
    await h.project();
  });
  afterAll(() => h.close());

  const positions = (propositionId: string, time: TimeFilter = {}) =>
    h.queries.execute(new GetPropositionPositionsQuery(propositionId, time));

  it("lists every actor's position on it, with the shift of the one that changed its mind", async () => {
    const answer = await positions(P);
    expect(answer).toMatchObject({ propositionId: P, proposition: 'NATO threatens Russia' });
    expect(answer.positions).toEqual([
      expect.objectContaining({
        actorId: 'china',
        name: 'CHINA',
        currentStance: 'supports',
        shiftCount: 0,
        shifts: [],
      }),
      expect.objectContaining({
        actorId: 'russia',
        name: 'RUSSIA',
        currentStance: 'opposes',
        counts: { supports: 1, opposes: 1 },
        shiftCount: 1,
        shifts: [
          {
            saidOn: '2024-08-01',
            dateBasis: 'said',
            from: 'supports',
            to: 'opposes',
            statementId: reversal,
            corrections: 0,
          },
        ],
      }),
    ]);
    expect((await positions('unheard-of')).positions).toEqual([]);
  });

  it('answers asOf a date (stances said by then) and knownAt a moment (stances recorded by then)', async () => {
    const asOf = await positions(P, { asOf: '2024-07-10' });
    expect(asOf.positions).toEqual([
      expect.objectContaining({ actorId: 'russia', currentStance: 'supports', shiftCount: 0 }),
    ]);
    const knownAt = await positions(P, { knownAt: beforeChina });
    expect(knownAt.positions.map((p) => [p.actorId, p.currentStance])).toEqual([
      ['russia', 'opposes'],
    ]);
  });

  it('answers 404 for a proposition not on record', async () => {
    await expect(positions('no-such-proposition')).rejects.toThrow(NotFoundException);
  });
});
