import {
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { AddStatementMentionCommand } from './add-statement-mention.command';

const TEXT = 'Russia vowed response measures.';

describe('AddStatementMentionCommand', () => {
  let h: Harness;
  let statementId: string;
  let otherSourceId: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    statementId = await recordStatement(h, await registerSource(h));
    otherSourceId = await registerSource(h, { text: TEXT });
  });
  afterAll(() => h.close());

  const mention = (input: Record<string, unknown>) =>
    h.commands.execute(new AddStatementMentionCommand(statementId, input, h.context()));

  it('adds another report of the statement: StatementMentionAdded at version 2', async () => {
    const span = { start: 0, end: TEXT.length };
    const result = await mention({
      sourceId: otherSourceId,
      span,
      reportedAt: '2024-07-12T08:00:00Z',
    });
    expect(result.version).toBe(2);
    expect(result.view.mentions).toHaveLength(2);
    expect((await h.streamEvents(statementStreamId(statementId)))[1]).toMatchObject({
      type: 'StatementMentionAdded',
      version: 2,
      data: { statementId, sourceId: otherSourceId, span },
    });
  });

  it('refuses the same source and span again (409 mention-exists)', async () => {
    const again = { sourceId: otherSourceId, span: { start: 0, end: TEXT.length } };
    expect(await h.refused(() => mention(again))).toMatchObject({
      category: 'conflict',
      code: 'mention-exists',
    });
  });

  it('refuses a source not on record (422 naming sourceId) and a span past its text', async () => {
    const unknown = {
      sourceId: '00000000-0000-4000-8000-000000000000',
      span: { start: 0, end: 3 },
    };
    expect(await h.refused(() => mention(unknown))).toMatchObject({
      category: 'rule',
      code: 'unknown-source',
      field: 'sourceId',
    });
    const past = { sourceId: otherSourceId, span: { start: 0, end: TEXT.length + 1 } };
    expect(await h.refused(() => mention(past))).toMatchObject({
      category: 'invalid',
      field: 'span.end',
    });
  });
});
