import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { TimelineFilter } from '@app/projections';
import { CorrectStatementCommand } from '../../statements/correct-statement/correct-statement.command';
import {
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetTimelineQuery } from './get-timeline.query';

describe('GetTimelineQuery', () => {
  let h: Harness;
  const said: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato', 'china');
    const sourceId = await registerSource(h);
    const say = (name: string, kind: string, date: string, speakerId = 'russia') =>
      recordStatement(h, sourceId, {
        speakerId,
        kind,
        targetIds: speakerId === 'nato' ? ['russia'] : ['nato'],
        quote: name,
        saidAt: { date, precision: 'day' },
      }).then((id) => (said[name] = id));
    await say('june warning', 'warning', '2024-06-01');
    await say('july criticism', 'criticism', '2024-07-01');
    await say('nato accusation', 'accusation', '2024-07-15', 'nato');
    await say('august warning', 'warning', '2024-08-01');
    await say('china remark', 'statement', '2024-09-01', 'china'); // not about russia
    await h.project();
  });
  afterAll(() => h.close());

  const timeline = (actorId: string, filter: Partial<TimelineFilter> = {}) =>
    h.queries.execute(new GetTimelineQuery(actorId, { limit: 50, ...filter }));

  it("lists the statements by or about the actor, newest said first, with the actor's role", async () => {
    const { actorId, items, nextCursor } = await timeline('russia');
    expect(actorId).toBe('russia');
    expect(items.map((i) => [i.quote, i.role])).toEqual([
      ['august warning', ['speaker']],
      ['nato accusation', ['target']],
      ['july criticism', ['speaker']],
      ['june warning', ['speaker']],
    ]);
    expect(items[0]).toMatchObject({
      statementId: said['august warning'],
      kind: 'warning',
      goldstein: -4.4,
      targetIds: ['nato'],
      saidAt: { date: '2024-08-01', precision: 'day' },
      status: 'recorded',
      mentions: 1,
    });
    expect(nextCursor).toBeNull();
  });

  it('pages with limit and nextCursor, and filters by kind and asOf', async () => {
    const first = await timeline('russia', { limit: 3 });
    expect(first.items.map((i) => i.quote)).toEqual([
      'august warning',
      'nato accusation',
      'july criticism',
    ]);
    const second = await timeline('russia', { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.quote)).toEqual(['june warning']);
    expect(second.nextCursor).toBeNull();
    const warnings = await timeline('russia', { kind: 'warning' });
    expect(warnings.items.map((i) => i.quote)).toEqual(['august warning', 'june warning']);
    const july = await timeline('russia', { asOf: '2024-07-31' });
    expect(july.items.map((i) => i.quote)).toEqual([
      'nato accusation',
      'july criticism',
      'june warning',
    ]);
  });

  it('shows a statement as it was known before a correction (knownAt)', async () => {
    const id = said['july criticism'];
    const before = (await h.streamEvents(statementStreamId(id)))[0].recordedAt.toISOString();
    await pause();
    await h.commands.execute(
      new CorrectStatementCommand(
        id,
        { changes: { quote: 'corrected' }, reason: 'typo' },
        h.context(),
      ),
    );
    await h.project();
    const now = (await timeline('russia', { kind: 'criticism' })).items[0];
    expect(now).toMatchObject({ quote: 'corrected', version: 2, corrections: 1 });
    const then = (await timeline('russia', { kind: 'criticism', knownAt: before })).items[0];
    expect(then).toMatchObject({ quote: 'july criticism', version: 1, corrections: 0 });
  });

  it('answers 400 naming the cursor for one it did not hand out, and 404 for an unknown actor', async () => {
    const bad = await timeline('russia', { cursor: 'not-a-cursor' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestException);
    expect((bad as BadRequestException).getResponse()).toMatchObject({ field: 'cursor' });
    await expect(timeline('atlantis')).rejects.toThrow(NotFoundException);
  });
});
