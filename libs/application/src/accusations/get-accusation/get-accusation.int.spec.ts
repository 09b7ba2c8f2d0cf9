import { NotFoundException } from '@nestjs/common';
import { accusationStreamId } from '@app/domain';
import { MakeAccusationCommand } from '../make-accusation/make-accusation.command';
import { RespondToAccusationCommand } from '../respond-to-accusation/respond-to-accusation.command';
import {
  recordStatement,
  recordStatementAlone,
  registerActors,
  registerSource,
} from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetAccusationQuery } from './get-accusation.query';

describe('GetAccusationQuery', () => {
  let h: Harness;
  let accusationId: string;
  let madeAt: Date;
  let denial: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'nato', 'china');
    const sourceId = await registerSource(h);
    // Recorded before statements opened their own accusation: made by hand.
    const accusing = await recordStatementAlone(h, sourceId, {
      speakerId: 'nato',
      kind: 'accusation',
      targetIds: ['china'],
    });
    denial = await recordStatement(h, sourceId, {
      speakerId: 'china',
      kind: 'denial',
      targetIds: [],
    });
    const made = await h.commands.execute(
      new MakeAccusationCommand({ statementId: accusing, allegation: 'spying' }, h.context()),
    );
    accusationId = made.accusationId;
    await pause();
    await h.commands.execute(
      new RespondToAccusationCommand(
        accusationId,
        { statementId: denial, response: 'denial' },
        h.context(),
      ),
    );
    madeAt = (await h.streamEvents(accusationStreamId(accusationId)))[0].recordedAt;
  });
  afterAll(() => h.close());

  const get = (id: string, knownAt?: Date) =>
    h.queries.execute(new GetAccusationQuery(id, knownAt));

  it('reads the accusation with its responses and derived status', async () => {
    expect(await get(accusationId)).toEqual({
      version: 2,
      view: expect.objectContaining({
        accusationId,
        accuserId: 'nato',
        accusedIds: ['china'],
        allegation: 'spying',
        status: 'denied',
        responses: [{ response: 'denial', statementId: denial, respondentId: 'china' }],
      }),
    });
  });

  it('reads it as it stood at knownAt: still open, at version 1', async () => {
    expect(await get(accusationId, madeAt)).toMatchObject({
      version: 1,
      view: { status: 'open', responses: [] },
    });
    await expect(get(accusationId, new Date(madeAt.getTime() - 1))).rejects.toThrow(
      NotFoundException,
    );
  });

  it('answers 404 for an accusation not on record and invalid for a malformed id', async () => {
    await expect(get('00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundException);
    await expect(get('42')).rejects.toMatchObject({ category: 'invalid', field: 'accusationId' });
  });
});
