import {
  defineProposition,
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { WithdrawStatementCommand } from '../withdraw-statement/withdraw-statement.command';
import { TakeStanceCommand } from './take-stance.command';

describe('TakeStanceCommand', () => {
  let h: Harness;
  let statementId: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    await defineProposition(h, 'nato-threatens-russia');
    statementId = await recordStatement(h, await registerSource(h));
  });
  afterAll(() => h.close());

  const take = (propositionId: string, stance = 'supports', id = statementId) =>
    h.commands.execute(new TakeStanceCommand(id, { propositionId, stance }, h.context()));

  it('links the statement to a proposition: StatementStanceTaken at version 2', async () => {
    const result = await take('nato-threatens-russia');
    expect(result.version).toBe(2);
    expect(result.view.stances).toEqual([
      { propositionId: 'nato-threatens-russia', stance: 'supports' },
    ]);
    expect((await h.streamEvents(statementStreamId(statementId)))[1]).toMatchObject({
      type: 'StatementStanceTaken',
      version: 2,
      data: { statementId, propositionId: 'nato-threatens-russia', stance: 'supports' },
    });
  });

  it('refuses a proposition not on record (422) and a second stance on the same one (409)', async () => {
    expect(await h.refused(() => take('no-such-claim'))).toMatchObject({
      category: 'rule',
      code: 'unknown-proposition',
      field: 'propositionId',
    });
    expect(await h.refused(() => take('nato-threatens-russia', 'opposes'))).toMatchObject({
      category: 'conflict',
      code: 'stance-exists',
      field: 'propositionId',
    });
  });

  it('refuses a stance on a withdrawn statement', async () => {
    await h.commands.execute(
      new WithdrawStatementCommand(statementId, { reason: 'erroneous' }, h.context()),
    );
    await defineProposition(h, 'sanctions-work');
    expect(await h.refused(() => take('sanctions-work'))).toMatchObject({
      category: 'conflict',
      code: 'statement-withdrawn',
    });
  });
});
