import { propositionStreamId } from '@app/domain';
import { createHarness, Harness } from '../../testing/harness';
import { DefinePropositionCommand } from './define-proposition.command';

describe('DefinePropositionCommand', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const define = (input: Record<string, unknown>) =>
    h.commands.execute(new DefinePropositionCommand(input, h.context()));

  it('defines a claim under its slug: PropositionDefined at version 1', async () => {
    const result = await define({
      propositionId: 'nato-should-admit-ukraine',
      text: '  NATO should admit Ukraine ',
      tags: ['nato', 'ukraine'],
    });
    expect(result).toEqual({
      version: 1,
      view: {
        propositionId: 'nato-should-admit-ukraine',
        text: 'NATO should admit Ukraine',
        tags: ['nato', 'ukraine'],
      },
    });
    expect(await h.streamEvents(propositionStreamId('nato-should-admit-ukraine'))).toEqual([
      expect.objectContaining({
        type: 'PropositionDefined',
        version: 1,
        data: result.view,
      }),
    ]);
  });

  it('refuses an id already defined (409 proposition-exists)', async () => {
    expect(
      await h.refused(() => define({ propositionId: 'nato-should-admit-ukraine', text: 'Other' })),
    ).toMatchObject({ category: 'conflict', code: 'proposition-exists', field: 'propositionId' });
  });

  it('refuses malformed input naming the field: empty text, repeated tags', async () => {
    expect(await h.refused(() => define({ propositionId: 'p', text: '   ' }))).toMatchObject({
      category: 'invalid',
      field: 'text',
    });
    expect(
      await h.refused(() => define({ propositionId: 'p', text: 'T', tags: ['a', 'a'] })),
    ).toMatchObject({ category: 'invalid', field: 'tags[1]' });
    expect(await h.streamEvents(propositionStreamId('p'))).toEqual([]);
  });
});
