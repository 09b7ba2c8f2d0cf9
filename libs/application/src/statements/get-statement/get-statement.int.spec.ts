import { NotFoundException } from '@nestjs/common';
import { CorrectStatementCommand } from '../correct-statement/correct-statement.command';
import {
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetStatementQuery } from './get-statement.query';

describe('GetStatementQuery', () => {
  let h: Harness;
  let statementId: string;
  let recordedAt: Date;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    statementId = await recordStatement(h, await registerSource(h));
    await pause();
    await h.commands.execute(
      new CorrectStatementCommand(
        statementId,
        { changes: { quote: 'countermeasures' }, reason: 'misquoted' },
        h.context(),
      ),
    );
    recordedAt = (await h.streamEvents(statementStreamId(statementId)))[0].recordedAt;
  });
  afterAll(() => h.close());

  const get = (id: string, knownAt?: Date) => h.queries.execute(new GetStatementQuery(id, knownAt));

  it('reads the statement as it stands: corrections applied, with its version', async () => {
    expect(await get(statementId)).toMatchObject({
      version: 2,
      view: { statementId, quote: 'countermeasures', corrections: 1, status: 'recorded' },
    });
  });

  it('finds it by an upper-case id too (ids are normalised)', async () => {
    expect((await get(statementId.toUpperCase())).view.statementId).toBe(statementId);
  });

  it('reads it as it stood at knownAt: before the correction, at version 1', async () => {
    expect(await get(statementId, recordedAt)).toMatchObject({
      version: 1,
      view: { quote: 'response measures', corrections: 0 },
    });
    await expect(get(statementId, new Date(recordedAt.getTime() - 1))).rejects.toThrow(
      NotFoundException,
    );
  });

  it('answers 404 for a statement not on record and invalid for a malformed id', async () => {
    await expect(get('00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundException);
    await expect(get('not-a-uuid')).rejects.toMatchObject({
      category: 'invalid',
      field: 'statementId',
    });
  });
});
