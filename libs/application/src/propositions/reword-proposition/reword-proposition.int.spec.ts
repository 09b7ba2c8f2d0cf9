import { propositionStreamId } from '@app/domain';
import { ConcurrencyError } from '@app/event-store';
import { defineProposition } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { RewordPropositionCommand } from './reword-proposition.command';

describe('RewordPropositionCommand', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await defineProposition(h, 'sanctions-work', 'Sanctions work');
  });
  afterAll(() => h.close());

  const reword = (id: string, text: string, ifMatch?: number) =>
    h.commands.execute(
      new RewordPropositionCommand(id, { text, reason: 'clearer' }, h.context(undefined, ifMatch)),
    );

  it('rewords it, keeping the previous text on record: PropositionReworded at version 2', async () => {
    const result = await reword('sanctions-work', 'Sanctions on Russia work', 1);
    expect(result).toEqual({
      version: 2,
      view: { propositionId: 'sanctions-work', text: 'Sanctions on Russia work', tags: [] },
    });
    const events = await h.streamEvents(propositionStreamId('sanctions-work'));
    expect(events[1]).toMatchObject({
      type: 'PropositionReworded',
      version: 2,
      data: {
        propositionId: 'sanctions-work',
        text: 'Sanctions on Russia work',
        previousText: 'Sanctions work',
        reason: 'clearer',
      },
    });
  });

  it('refuses a stale If-Match, the same wording again, and a proposition not defined', async () => {
    expect(await h.refused(() => reword('sanctions-work', 'Newer', 1))).toBeInstanceOf(
      ConcurrencyError,
    );
    expect(
      await h.refused(() => reword('sanctions-work', 'Sanctions on Russia work')),
    ).toMatchObject({ category: 'conflict', code: 'same-text', field: 'text' });
    expect(await h.refused(() => reword('never-defined', 'Text'))).toMatchObject({
      category: 'not-found',
      code: 'proposition-not-found',
    });
  });
});
