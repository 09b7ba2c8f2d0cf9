import { ListPropositionsQuery } from '../../propositions/list-propositions/list-propositions.query';
import { ListSourcesQuery } from '../../sources/list-sources/list-sources.query';
import {
  defineProposition,
  recordStatement,
  registerActors,
  registerSource,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { WithdrawStatementCommand } from '../withdraw-statement/withdraw-statement.command';
import { ListStatementsQuery } from './list-statements.query';

describe('ListStatementsQuery, ListPropositionsQuery and ListSourcesQuery', () => {
  let h: Harness;
  let lemonde: string;
  let wire: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(
      h,
      { actorId: 'china', name: 'China', kind: 'state', aliases: ['Beijing'] },
      'russia',
      'nato',
    );
    await defineProposition(h, 'sanctions-work', 'Économic sanctions work');
    lemonde = await registerSource(h, {
      publisher: 'Le Monde',
      title: 'Pékin dément toute aide',
      publishedAt: '2024-07-12T06:00:00Z',
    });
    wire = await registerSource(h, { publisher: 'Wire', publishedAt: '2024-06-01T06:00:00Z' });
    const day = (date: string) => ({ saidAt: { date, precision: 'day' } });
    ids.denial = await recordStatement(h, lemonde, {
      speakerId: 'china',
      kind: 'denial',
      targetIds: ['nato'],
      quote: 'Beijing rejects the accusations of aiding the war',
      saidAt: { date: null, precision: 'unknown' },
    });
    ids.threat = await recordStatement(h, wire, {
      ...day('2024-06-01'),
      kind: 'warning',
      quote: 'response measures will follow',
      stances: [{ propositionId: 'sanctions-work', stance: 'opposes' }],
    });
    ids.old = await recordStatement(h, wire, { ...day('2023-01-05'), quote: 'an old remark' });
    ids.gone = await recordStatement(h, wire, { ...day('2024-05-05'), quote: 'a mistake' });
    await h.commands.execute(
      new WithdrawStatementCommand(ids.gone, { reason: 'erroneous' }, h.context()),
    );
    await h.project();
  });
  afterAll(() => h.close());

  const list = (filter: Record<string, unknown> = {}) =>
    h.queries.execute(new ListStatementsQuery({ limit: 50, ...filter }));
  const listed = async (filter: Record<string, unknown>) =>
    (await list(filter)).items.map((i) => i.statementId);

  it('lists every statement newest first (undated ones by the day reported), with an exact total', async () => {
    const all = await list();
    expect(all.items.map((i) => i.statementId)).toEqual([
      ids.denial,
      ids.threat,
      ids.gone,
      ids.old,
    ]);
    expect(all.items[0]).toMatchObject({ datedOn: '2024-07-12', dateBasis: 'reported' });
    expect(all.items[0].saidAt).toEqual({ date: null, precision: 'unknown' });
    expect(all).toMatchObject({ total: 4, totalEstimate: 4, nextCursor: null });
  });

  it('filters by dates, kind, actors (by alias too), proposition, source, status and words', async () => {
    expect(await listed({ from: '2024-06-01', to: '2024-07-12' })).toEqual([
      ids.denial,
      ids.threat,
    ]);
    expect(await listed({ kind: 'denial' })).toEqual([ids.denial]);
    expect(await listed({ speakerId: 'beijing' })).toEqual([ids.denial]);
    expect(await listed({ targetId: 'nato', speakerId: 'russia' })).toEqual([
      ids.threat,
      ids.gone,
      ids.old,
    ]);
    expect(await listed({ propositionId: 'sanctions-work' })).toEqual([ids.threat]);
    expect(await listed({ sourceId: lemonde })).toEqual([ids.denial]);
    expect(await listed({ status: ['withdrawn'] })).toEqual([ids.gone]);
    expect(await listed({ status: ['recorded'] })).toEqual([ids.denial, ids.threat, ids.old]);
    // Several statuses: any of them.
    expect(await listed({ status: ['withdrawn', 'retracted'] })).toEqual([ids.gone]);
    expect(await listed({ status: ['recorded', 'withdrawn'] })).toEqual([
      ids.denial,
      ids.threat,
      ids.gone,
      ids.old,
    ]);
    expect(await listed({ q: 'accusations' })).toEqual([ids.denial]);
    expect(await listed({ asOf: '2024-06-30' })).toEqual([ids.threat, ids.gone, ids.old]);
    await expect(list({ speakerId: 'atlantis' })).rejects.toMatchObject({ status: 404 });
  });

  it('pages with a cursor, without gaps or repeats', async () => {
    const first = await list({ limit: 3 });
    const second = await list({ limit: 3, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((i) => i.statementId)).toEqual(await listed({}));
    expect(second.nextCursor).toBeNull();
    await expect(list({ cursor: 'nope' })).rejects.toMatchObject({ status: 400 });
  });

  it('finds propositions and sources by words, accents ignored', async () => {
    const propositions = await h.queries.execute(
      new ListPropositionsQuery({ q: 'economic sanc', limit: 10 }),
    );
    expect(propositions.items).toEqual([
      {
        propositionId: 'sanctions-work',
        text: 'Économic sanctions work',
        tags: [],
        stances: 1,
        actors: 1,
      },
    ]);
    const sources = (filter: Record<string, unknown>) =>
      h.queries
        .execute(new ListSourcesQuery({ limit: 10, ...filter }))
        .then((r) => r.items.map((s) => s.sourceId));
    expect(await sources({})).toEqual([lemonde, wire]);
    expect(await sources({ q: 'pekin' })).toEqual([lemonde]);
    expect(await sources({ publisher: 'LE-MONDE' })).toEqual([lemonde]);
    expect(await sources({ from: '2024-06-02' })).toEqual([lemonde]);
    expect(await sources({ to: '2024-06-01' })).toEqual([wire]);
    const first = await h.queries.execute(new ListSourcesQuery({ limit: 1 }));
    expect(first.items[0]).toMatchObject({ publisher: 'Le Monde', statements: 1, hasText: false });
    const next = await h.queries.execute(
      new ListSourcesQuery({ limit: 1, cursor: first.nextCursor! }),
    );
    expect(next.items.map((s) => s.sourceId)).toEqual([wire]);
  });
});
