import { accusationStreamId } from '@app/domain';
import {
  actorStreamId,
  defineProposition,
  registerActors,
  registerSource,
  statementInput,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { RecordStatementCommand } from './record-statement.command';

const TEXT = 'Moscow said it would take response measures against the alliance.';

describe('RecordStatementCommand', () => {
  let h: Harness;
  let sourceId: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    await defineProposition(h, 'nato-threatens-russia');
    sourceId = await registerSource(h, { text: TEXT });
  });
  afterAll(() => h.close());

  const record = (overrides: Record<string, unknown> = {}) =>
    h.commands.execute(
      new RecordStatementCommand(statementInput(sourceId, overrides), h.context('key:analyst')),
    );

  it('records a statement in one append (fast path): StatementRecorded at version 1', async () => {
    const stances = [{ propositionId: 'nato-threatens-russia', stance: 'supports' }];
    const result = await record({ stances });
    expect(result).toMatchObject({
      version: 1,
      view: { statementId: result.statementId, speakerId: 'russia', stances, status: 'recorded' },
    });
    const events = await h.streamEvents(statementStreamId(result.statementId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'StatementRecorded',
      version: 1,
      data: {
        statementId: result.statementId,
        speakerId: 'russia',
        targetIds: ['nato'],
        provenance: { method: 'manual' },
        mention: { sourceId, span: null, reportedAt: null },
      },
      metadata: { userId: 'key:analyst' },
    });
  });

  it('opens the accusation an accusation makes, in the same transaction (id = the statement id)', async () => {
    const accusation = {
      kind: 'accusation',
      principalId: 'russia',
      targetIds: ['nato', 'russia'],
      quote: 'The alliance is preparing a provocation.',
      summary: 'NATO is preparing a provocation',
    };
    const byDefault = await record(accusation);
    const [made] = await h.streamEvents(accusationStreamId(byDefault.statementId));
    expect(made).toMatchObject({
      type: 'AccusationMade',
      version: 1,
      // Its own principal is not among those it accuses; the summary is the allegation.
      data: {
        accusationId: byDefault.statementId,
        statementId: byDefault.statementId,
        accuserId: 'russia',
        accusedIds: ['nato'],
        allegation: 'NATO is preparing a provocation',
      },
      metadata: { userId: 'key:analyst' },
    });
    const given = await record({ ...accusation, allegation: 'staging a provocation' });
    const [own] = await h.streamEvents(accusationStreamId(given.statementId));
    expect(own.data.allegation).toBe('staging a provocation');
  });

  it('opens none for other kinds or an accusation of itself, and refuses an allegation there', async () => {
    const criticism = await record({ kind: 'criticism' });
    expect(await h.streamEvents(accusationStreamId(criticism.statementId))).toEqual([]);
    const itself = await record({ kind: 'accusation', targetIds: ['russia'] });
    expect(await h.streamEvents(accusationStreamId(itself.statementId))).toEqual([]);
    const before = await h.eventCount();
    for (const overrides of [
      { kind: 'criticism', allegation: 'x' },
      { kind: 'accusation', targetIds: ['russia'], allegation: 'x' },
    ])
      expect(await h.refused(() => record(overrides))).toMatchObject({
        category: 'invalid',
        field: 'allegation',
      });
    expect(await h.eventCount()).toBe(before);
  });

  it('refuses references not on record (422 naming the field), appending nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ targetIds: ['nato', 'atlantis'] }, 'unknown-actor', 'targetIds[1]'],
      [{ principalId: 'kremlin' }, 'unknown-actor', 'principalId'],
      [
        { stances: [{ propositionId: 'no-such', stance: 'opposes' }] },
        'unknown-proposition',
        'stances[0].propositionId',
      ],
      [
        { source: { sourceId: '00000000-0000-4000-8000-000000000000' } },
        'unknown-source',
        'source.sourceId',
      ],
    ];
    for (const [overrides, code, field] of cases)
      expect(await h.refused(() => record(overrides))).toMatchObject({
        category: 'rule',
        code,
        field,
      });
  });

  it('registers newActors with it in one transaction, or neither when a reference is missing', async () => {
    const newActors = [{ actorId: 'lin-jian', name: 'Lin Jian', kind: 'person' }];
    const refused = await h.refused(() =>
      record({ speakerId: 'lin-jian', targetIds: ['ghost'], newActors }),
    );
    expect(refused).toMatchObject({ code: 'unknown-actor', field: 'targetIds[0]' });
    expect(await h.streamEvents(actorStreamId('lin-jian'))).toEqual([]);
    const result = await record({ speakerId: 'lin-jian', newActors });
    expect(result.view.speakerId).toBe('lin-jian');
    expect((await h.streamEvents(actorStreamId('lin-jian'))).map((e) => e.type)).toEqual([
      'ActorRegistered',
    ]);
  });

  it('checks a span against the length of the source text', async () => {
    const past = { sourceId, span: { start: 0, end: TEXT.length + 1 } };
    expect(await h.refused(() => record({ source: past }))).toMatchObject({
      category: 'invalid',
      field: 'source.span.end',
    });
    const missing = {
      sourceId: '00000000-0000-4000-8000-000000000000',
      span: { start: 0, end: 5 },
    };
    expect(await h.refused(() => record({ source: missing }))).toMatchObject({
      code: 'unknown-source',
      field: 'source.sourceId',
    });
    const whole = await record({ source: { sourceId, span: { start: 0, end: TEXT.length } } });
    expect(whole.view.mentions).toEqual([
      { sourceId, span: { start: 0, end: TEXT.length }, reportedAt: null },
    ]);
  });
});
