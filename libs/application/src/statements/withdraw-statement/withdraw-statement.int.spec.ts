import {
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { WithdrawStatementCommand } from './withdraw-statement.command';

describe('WithdrawStatementCommand', () => {
  let h: Harness;
  let original: string;
  let duplicate: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    const sourceId = await registerSource(h);
    original = await recordStatement(h, sourceId);
    duplicate = await recordStatement(h, sourceId);
  });
  afterAll(() => h.close());

  const withdraw = (input: Record<string, unknown>) =>
    h.commands.execute(new WithdrawStatementCommand(duplicate, input, h.context()));

  it('refuses a duplicate of a statement not on record (422) or of itself', async () => {
    const unknown = { reason: 'duplicate', duplicateOf: '00000000-0000-4000-8000-000000000000' };
    expect(await h.refused(() => withdraw(unknown))).toMatchObject({
      category: 'rule',
      code: 'unknown-statement',
      field: 'duplicateOf',
    });
    expect(
      await h.refused(() => withdraw({ reason: 'duplicate', duplicateOf: duplicate })),
    ).toMatchObject({
      category: 'rule',
      code: 'duplicate-of-self',
    });
    expect(await h.refused(() => withdraw({ reason: 'duplicate' }))).toMatchObject({
      category: 'invalid',
      field: 'duplicateOf',
    });
  });

  it('marks it withdrawn, kept on record: StatementWithdrawn at version 2', async () => {
    const result = await withdraw({
      reason: 'duplicate',
      duplicateOf: original,
      note: 'same quote',
    });
    expect(result).toMatchObject({
      version: 2,
      view: { status: 'withdrawn', withdrawal: { reason: 'duplicate', duplicateOf: original } },
    });
    expect((await h.streamEvents(statementStreamId(duplicate))).map((e) => e.type)).toEqual([
      'StatementRecorded',
      'StatementWithdrawn',
    ]);
    expect((await h.streamEvents(statementStreamId(duplicate)))[1].data).toEqual({
      statementId: duplicate,
      reason: 'duplicate',
      note: 'same quote',
      duplicateOf: original,
    });
  });

  it('refuses withdrawing it again (409 statement-withdrawn)', async () => {
    expect(await h.refused(() => withdraw({ reason: 'erroneous' }))).toMatchObject({
      category: 'conflict',
      code: 'statement-withdrawn',
    });
  });
});
