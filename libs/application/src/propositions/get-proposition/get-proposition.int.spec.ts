import { NotFoundException } from '@nestjs/common';
import { propositionStreamId } from '@app/domain';
import { RewordPropositionCommand } from '../reword-proposition/reword-proposition.command';
import { defineProposition } from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetPropositionQuery } from './get-proposition.query';

describe('GetPropositionQuery', () => {
  let h: Harness;
  let definedAt: Date;
  beforeAll(async () => {
    h = await createHarness();
    await defineProposition(h, 'sanctions-work', 'Sanctions work');
    await pause();
    await h.commands.execute(
      new RewordPropositionCommand(
        'sanctions-work',
        { text: 'Sanctions on Russia work', reason: 'narrower' },
        h.context(),
      ),
    );
    definedAt = (await h.streamEvents(propositionStreamId('sanctions-work')))[0].recordedAt;
  });
  afterAll(() => h.close());

  const get = (id: string, knownAt?: Date) =>
    h.queries.execute(new GetPropositionQuery(id, knownAt));

  it('reads the proposition as it stands, with its version', async () => {
    expect(await get('sanctions-work')).toEqual({
      version: 2,
      view: { propositionId: 'sanctions-work', text: 'Sanctions on Russia work', tags: [] },
    });
  });

  it('reads its wording as it stood at knownAt, with the version it had then', async () => {
    expect(await get('sanctions-work', definedAt)).toEqual({
      version: 1,
      view: { propositionId: 'sanctions-work', text: 'Sanctions work', tags: [] },
    });
    await expect(get('sanctions-work', new Date(definedAt.getTime() - 1))).rejects.toThrow(
      NotFoundException,
    );
  });

  it('answers 404 for a proposition not on record and invalid for a malformed id', async () => {
    await expect(get('never-said')).rejects.toThrow(NotFoundException);
    await expect(get('Never Said')).rejects.toMatchObject({
      category: 'invalid',
      field: 'propositionId',
    });
  });
});
