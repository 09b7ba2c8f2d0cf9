import {
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { RetractStatementCommand } from './retract-statement.command';

describe('RetractStatementCommand', () => {
  let h: Harness;
  let statementId: string;
  let laterSourceId: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    statementId = await recordStatement(h, await registerSource(h));
    laterSourceId = await registerSource(h);
  });
  afterAll(() => h.close());

  const retract = (input: Record<string, unknown>) =>
    h.commands.execute(new RetractStatementCommand(statementId, input, h.context()));

  it('refuses a source not on record (422 naming sourceId) and a date before it was said', async () => {
    const unknown = { retractedOn: '2024-07-20', sourceId: '00000000-0000-4000-8000-000000000000' };
    expect(await h.refused(() => retract(unknown))).toMatchObject({
      category: 'rule',
      code: 'unknown-source',
      field: 'sourceId',
    });
    const early = { retractedOn: '2024-07-10', sourceId: laterSourceId };
    expect(await h.refused(() => retract(early))).toMatchObject({
      category: 'rule',
      code: 'retracted-before-said',
      field: 'retractedOn',
    });
  });

  it('records the retraction with the source that reported it: StatementRetracted at version 2', async () => {
    const result = await retract({
      retractedOn: '2024-07-20',
      sourceId: laterSourceId,
      note: 'walked back',
    });
    expect(result).toMatchObject({
      version: 2,
      view: {
        status: 'retracted',
        retraction: { retractedOn: '2024-07-20', sourceId: laterSourceId },
      },
    });
    expect((await h.streamEvents(statementStreamId(statementId)))[1]).toMatchObject({
      type: 'StatementRetracted',
      version: 2,
      data: {
        statementId,
        retractedOn: '2024-07-20',
        sourceId: laterSourceId,
        note: 'walked back',
      },
    });
  });

  it('refuses a second retraction (409 already-retracted)', async () => {
    expect(
      await h.refused(() => retract({ retractedOn: '2024-07-21', sourceId: laterSourceId })),
    ).toMatchObject({ category: 'conflict', code: 'already-retracted' });
  });
});
