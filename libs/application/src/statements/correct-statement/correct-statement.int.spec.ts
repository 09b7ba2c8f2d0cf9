import { ConcurrencyError } from '@app/event-store';
import {
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { CorrectStatementCommand } from './correct-statement.command';

describe('CorrectStatementCommand', () => {
  let h: Harness;
  let statementId: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato', 'china');
    statementId = await recordStatement(h, await registerSource(h));
  });
  afterAll(() => h.close());

  const correct = (changes: Record<string, unknown>, ifMatch?: number) =>
    h.commands.execute(
      new CorrectStatementCommand(
        statementId,
        { changes, reason: 'misread the copy' },
        h.context('key:editor', ifMatch),
      ),
    );

  it('records what changed and what it was: StatementCorrected at version 2', async () => {
    const result = await correct({ targetIds: ['china'], quote: 'countermeasures' }, 1);
    expect(result.version).toBe(2);
    expect(result.view).toMatchObject({
      targetIds: ['china'],
      quote: 'countermeasures',
      corrections: 1,
    });
    const [, corrected] = await h.streamEvents(statementStreamId(statementId));
    expect(corrected).toMatchObject({
      type: 'StatementCorrected',
      version: 2,
      data: {
        statementId,
        changes: { targetIds: ['china'], quote: 'countermeasures' },
        previous: { targetIds: ['nato'], quote: 'response measures' },
        reason: 'misread the copy',
        correctedBy: 'key:editor',
      },
    });
  });

  it('refuses an actor not on record, naming the member of changes', async () => {
    expect(await h.refused(() => correct({ targetIds: ['china', 'atlantis'] }))).toMatchObject({
      category: 'rule',
      code: 'unknown-actor',
      field: 'changes.targetIds[1]',
    });
  });

  it('refuses a stale If-Match, and a correction that changes nothing', async () => {
    expect(await h.refused(() => correct({ quote: 'other' }, 1))).toBeInstanceOf(ConcurrencyError);
    expect(await h.refused(() => correct({ quote: 'countermeasures' }))).toMatchObject({
      category: 'invalid',
      field: 'changes',
    });
  });

  it('records an anonymous corrector, not "undefined", when the context carries no userId', async () => {
    const command = new CorrectStatementCommand(
      statementId,
      { changes: { quote: 'without a user' }, reason: 'no user' },
      { metadata: {} },
    );
    await h.commands.execute(command);
    const events = await h.streamEvents(statementStreamId(statementId));
    expect(events[events.length - 1].data.correctedBy).toBe('anonymous');
  });
});
