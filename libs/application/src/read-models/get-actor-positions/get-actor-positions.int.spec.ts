import { NotFoundException } from '@nestjs/common';
import type { TimeFilter } from '@app/projections';
import { CorrectStatementCommand } from '../../statements/correct-statement/correct-statement.command';
import {
  defineProposition,
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetRelationsQuery } from '../get-relations/get-relations.query';
import { GetActorPositionsQuery } from './get-actor-positions.query';

const P = 'nato-threatens-russia';
const said = (date: string, stance: string) => ({
  saidAt: { date, precision: 'day' },
  stances: [{ propositionId: P, stance }],
});

describe('GetActorPositionsQuery', () => {
  let h: Harness;
  let first: string;
  let second: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    await defineProposition(h, P, 'NATO threatens Russia');
    const sourceId = await registerSource(h);
    first = await recordStatement(h, sourceId, said('2024-07-01', 'supports'));
    second = await recordStatement(h, sourceId, said('2024-08-01', 'opposes'));
    await h.project();
  });
  afterAll(() => h.close());

  const positions = (
    actorId: string,
    time: TimeFilter = {},
    role: 'principal' | 'speaker' = 'principal',
  ) => h.queries.execute(new GetActorPositionsQuery(actorId, role, time));

  it('shows the shift from supports to opposes: current stance, since, counts and shifts', async () => {
    const answer = await positions('russia');
    expect(answer).toMatchObject({ actorId: 'russia', role: 'principal' });
    expect(answer.positions).toEqual([
      expect.objectContaining({
        propositionId: P,
        proposition: 'NATO threatens Russia',
        currentStance: 'opposes',
        since: '2024-08-01',
        counts: { supports: 1, opposes: 1 },
        shiftCount: 1,
        shifts: [
          {
            saidOn: '2024-08-01',
            dateBasis: 'said',
            from: 'supports',
            to: 'opposes',
            statementId: second,
            corrections: 0,
          },
        ],
      }),
    ]);
    expect(answer.positions[0].evidence.map((e) => e.statementId)).toEqual([first, second]);
    expect((await positions('russia', {}, 'speaker')).positions[0].shiftCount).toBe(1);
    expect((await positions('nato')).positions).toEqual([]);
  });

  it("counts an undated statement from its source's publication date, marked reported", async () => {
    await registerActors(h, 'belarus');
    const published = await registerSource(h, { publishedAt: '2024-09-02T22:30:00-03:00' });
    const undated = await recordStatement(h, published, {
      speakerId: 'belarus',
      saidAt: { date: null, precision: 'unknown' },
      stances: [{ propositionId: P, stance: 'opposes' }],
    });
    const unpublished = await registerSource(h);
    await recordStatement(h, unpublished, {
      speakerId: 'belarus',
      saidAt: { date: null, precision: 'unknown' },
      stances: [{ propositionId: P, stance: 'supports' }],
    });
    await h.project();
    const [position] = (await positions('belarus')).positions;
    const today = new Date().toISOString().slice(0, 10);
    // Reported on 2024-09-03 (UTC), then recorded today with no source date: a shift.
    expect(position.evidence.map((e) => [e.saidOn, e.dateBasis])).toEqual([
      ['2024-09-03', 'reported'],
      [today, 'recorded'],
    ]);
    expect(position.evidence[0].statementId).toBe(undated);
    expect(position).toMatchObject({ currentStance: 'supports', shiftCount: 1 });
    // asOf the publication day counts it; the day before does not.
    expect((await positions('belarus', { asOf: '2024-09-03' })).positions).toHaveLength(1);
    expect((await positions('belarus', { asOf: '2024-09-02' })).positions).toEqual([]);
    const relations = await h.queries.execute(
      new GetRelationsQuery('belarus', 'outgoing', 'month', {}, {}),
    );
    expect(relations.counterparts[0]).toMatchObject({ actorId: 'nato', statements: 2 });
    expect(relations.counterparts[0].series.map((b) => [b.bucket, b.undated])).toEqual([
      ['2024-09-01', 1],
      [`${today.slice(0, 7)}-01`, 1],
    ]);
  });

  it('answers asOf a date before the shift with the stance held then', async () => {
    const [position] = (await positions('russia', { asOf: '2024-07-15' })).positions;
    expect(position).toMatchObject({
      currentStance: 'supports',
      counts: { supports: 1, opposes: 0 },
      shiftCount: 0,
      shifts: [],
    });
  });

  it('answers knownAt before a correction with the stance on record then', async () => {
    const events = await h.streamEvents(statementStreamId(second));
    const beforeCorrection = events[events.length - 1].recordedAt.toISOString();
    await pause();
    await h.commands.execute(
      new CorrectStatementCommand(
        second,
        { changes: { stances: [{ propositionId: P, stance: 'supports' }] }, reason: 'misread' },
        h.context(),
      ),
    );
    await h.project();
    expect((await positions('russia')).positions[0]).toMatchObject({
      currentStance: 'supports',
      shiftCount: 0,
      counts: { supports: 2, opposes: 0 },
    });
    expect((await positions('russia', { knownAt: beforeCorrection })).positions[0]).toMatchObject({
      currentStance: 'opposes',
      shiftCount: 1,
    });
    // Each listed stance says how often its statement had been corrected, as known then.
    const corrected = (list: { statementId: string; corrections: number }[]) =>
      Object.fromEntries(list.map((e) => [e.statementId, e.corrections]));
    expect(corrected((await positions('russia')).positions[0].evidence)).toEqual({
      [first]: 0,
      [second]: 1,
    });
    const before = (await positions('russia', { knownAt: beforeCorrection })).positions[0];
    expect(corrected(before.evidence)).toEqual({ [first]: 0, [second]: 0 });
    expect(before.shifts).toEqual([
      expect.objectContaining({ statementId: second, corrections: 0 }),
    ]);
  });

  it('answers 404 for an actor not on record', async () => {
    await expect(positions('atlantis')).rejects.toThrow(NotFoundException);
  });
});
