import { BadRequestException, NotFoundException } from '@nestjs/common';
import { CorrectStatementCommand } from '../../statements/correct-statement/correct-statement.command';
import { WithdrawStatementCommand } from '../../statements/withdraw-statement/withdraw-statement.command';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { AuditChangesQuery, AuditHistoryQuery } from './audit-changes.query';

describe('AuditChangesQuery / AuditHistoryQuery (real Postgres)', () => {
  let h: Harness;
  let attack: string;
  let other: string;
  let blame: string;
  let k0: string;
  let k1: string;
  let k2: string;
  let k3: string;
  const dbNow = async () =>
    new Date(
      (await h.dataSource.query(`SELECT clock_timestamp() AS t`))[0].t as Date,
    ).toISOString();
  const changes = (from: string, to?: string, limit = 100, cursor?: string) =>
    h.queries.execute(new AuditChangesQuery(from, to, limit, cursor));

  beforeAll(async () => {
    h = await createHarness();
    k0 = await dbNow();
    await pause();
    await registerActors(h, 'russia', 'nato');
    const sourceId = await registerSource(h);
    // Russia "attacking itself": a self-directed-hostility alert, cleared by the correction.
    attack = await recordStatement(h, sourceId, {
      speakerId: 'russia',
      kind: 'accusation',
      targetIds: ['russia'],
      quote: 'our own provocation',
    });
    other = await recordStatement(h, sourceId, { speakerId: 'nato', quote: 'we watch' });
    blame = await recordStatement(h, sourceId, {
      speakerId: 'russia',
      kind: 'accusation',
      targetIds: ['nato'],
      quote: 'NATO provokes',
    });
    await h.project();
    await pause();
    k1 = await dbNow();
    await pause();
    await h.commands.execute(
      new CorrectStatementCommand(
        attack,
        { changes: { speakerId: 'nato' }, reason: 'NATO said it, not Russia' },
        h.context('key:desk-3'),
      ),
    );
    await h.project();
    await pause();
    k2 = await dbNow();
    await pause();
    await h.commands.execute(
      new WithdrawStatementCommand(
        other,
        { reason: 'out-of-scope', note: 'a headline, not a quote' },
        h.context('key:desk-4'),
      ),
    );
    await h.project();
    await pause();
    k3 = await dbNow();
  });
  afterAll(() => h.close());

  it('lists exactly the correction made between K1 and K2, with before and after, who and why', async () => {
    const { items, nextCursor, from, to } = await changes(k1, k2);
    expect([from, to]).toEqual([k1, k2]);
    expect(nextCursor).toBeNull();
    const corrected = items.filter((i) => i.eventType !== null);
    expect(corrected).toEqual([
      expect.objectContaining({
        change: 'statement.corrected',
        record: { kind: 'statement', id: attack, version: 2, href: `/statements/${attack}` },
        who: 'key:desk-3',
        why: 'NATO said it, not Russia',
        before: { speakerId: 'russia' },
        after: { speakerId: 'nato' },
      }),
    ]);
    // The correction cleared the self-attack alert the record had raised.
    expect(items.filter((i) => i.eventType === null).map((i) => [i.change, i.who])).toEqual([
      ['alert.cleared', 'rule:self-directed-hostility'],
    ]);
  });

  it('lists everything from the start, oldest first, and pages through it with the cursor', async () => {
    const all = await changes(k0, k3, 1000);
    const names = all.items.map((i) => i.change);
    expect(names.filter((n) => n.startsWith('actor.'))).toEqual([
      'actor.registered',
      'actor.registered',
    ]);
    expect(names).toEqual(
      expect.arrayContaining([
        'source.registered',
        'statement.recorded',
        'accusation.opened',
        'alert.raised',
        'statement.corrected',
        'alert.cleared',
        'statement.withdrawn',
      ]),
    );
    // An alert comes after the statement that raised it, and its clearing after the correction.
    expect(names.indexOf('alert.raised')).toBeGreaterThan(names.indexOf('statement.recorded'));
    expect(names.indexOf('alert.cleared')).toBeGreaterThan(names.indexOf('statement.corrected'));
    const times = all.items.map((i) => i.at);
    expect([...times].sort()).toEqual(times);
    const withdrawn = all.items.find((i) => i.change === 'statement.withdrawn')!;
    expect(withdrawn).toMatchObject({
      who: 'key:desk-4',
      why: 'out-of-scope: a headline, not a quote',
    });

    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await changes(k0, k3, 2, cursor);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.items.map((i) => i.id));
    // Defaults `to` to now: the same changes.
    expect((await changes(k0, undefined, 1000)).items.map((i) => i.id)).toEqual(paged);
  });

  it('refuses a window backwards, bad times and a forged cursor, naming the parameter', async () => {
    await expect(changes(k2, k1)).rejects.toMatchObject({ field: 'to' });
    await expect(changes('yesterday')).rejects.toMatchObject({ field: 'from' });
    await expect(changes(k0, '2024-13-01T00:00:00Z')).rejects.toMatchObject({ field: 'to' });
    await expect(
      h.queries.execute(new AuditChangesQuery(undefined, undefined, 10)),
    ).rejects.toMatchObject({ field: 'from' });
    await expect(changes(k0, k3, 10, 'bm9wZQ')).rejects.toBeInstanceOf(BadRequestException);
  });

  it("tells one record's history, and the accusation that shares the statement's id", async () => {
    const { changes: history } = await h.queries.execute(new AuditHistoryQuery(attack));
    expect(history.map((c) => [c.record.kind, c.change, c.record.version])).toEqual([
      ['statement', 'statement.recorded', 1],
      ['statement', 'statement.corrected', 2],
    ]);
    expect(history[1]).toMatchObject({ before: { speakerId: 'russia' }, who: 'key:desk-3' });
    const both = await h.queries.execute(new AuditHistoryQuery(blame));
    expect(both.changes.map((c) => [c.record.kind, c.change])).toEqual([
      ['statement', 'statement.recorded'],
      ['accusation', 'accusation.opened'],
    ]);
    const only = await h.queries.execute(new AuditHistoryQuery(blame, 'statement'));
    expect(only.changes).toHaveLength(1);
    await expect(
      h.queries.execute(new AuditHistoryQuery('00000000-0000-4000-8000-000000000000')),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(h.queries.execute(new AuditHistoryQuery('no such thing!'))).rejects.toMatchObject({
      field: 'recordId',
    });
    await expect(h.queries.execute(new AuditHistoryQuery(attack, 'planet'))).rejects.toMatchObject({
      field: 'kind',
    });
  });
});
