import { accusationStreamId } from '@app/domain';
import { ConcurrencyError } from '@app/event-store';
import { MakeAccusationCommand } from '../make-accusation/make-accusation.command';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { RespondToAccusationCommand } from './respond-to-accusation.command';

describe('RespondToAccusationCommand', () => {
  let h: Harness;
  let accusationId: string;
  const said: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'nato', 'china', 'russia');
    const sourceId = await registerSource(h);
    const statement = (speakerId: string, kind: string) =>
      recordStatement(h, sourceId, {
        speakerId,
        kind,
        targetIds: [],
        quote: `${speakerId} ${kind}`,
      });
    said.accusation = await statement('nato', 'accusation');
    said.chinaDenies = await statement('china', 'denial');
    said.chinaRemarks = await statement('china', 'statement');
    said.russiaDenies = await statement('russia', 'denial');
    said.natoWithdraws = await statement('nato', 'statement');
    const made = await h.commands.execute(
      new MakeAccusationCommand(
        { statementId: said.accusation, accusedIds: ['china'], allegation: 'enabling the war' },
        h.context(),
      ),
    );
    accusationId = made.accusationId;
  });
  afterAll(() => h.close());

  const respond = (statementId: string, response: string, ifMatch?: number, id = accusationId) =>
    h.commands.execute(
      new RespondToAccusationCommand(id, { statementId, response }, h.context(undefined, ifMatch)),
    );

  it('links a denial by the accused: AccusationDenied at version 2, status denied', async () => {
    const result = await respond(said.chinaDenies, 'denial', 1);
    expect(result).toMatchObject({ version: 2, view: { status: 'denied' } });
    expect((await h.streamEvents(accusationStreamId(accusationId)))[1]).toMatchObject({
      type: 'AccusationDenied',
      version: 2,
      data: { accusationId, statementId: said.chinaDenies, respondentId: 'china' },
    });
  });

  it('refuses a party not accused, a statement that is no denial, and a repeat', async () => {
    expect(await h.refused(() => respond(said.russiaDenies, 'denial'))).toMatchObject({
      category: 'rule',
      code: 'not-accused',
      field: 'statementId',
    });
    expect(await h.refused(() => respond(said.chinaRemarks, 'denial'))).toMatchObject({
      code: 'not-a-denial',
    });
    expect(await h.refused(() => respond(said.chinaDenies, 'denial'))).toMatchObject({
      category: 'conflict',
      code: 'response-exists',
    });
  });

  it('refuses a stale If-Match and an accusation not on record', async () => {
    expect(await h.refused(() => respond(said.natoWithdraws, 'withdrawal', 1))).toBeInstanceOf(
      ConcurrencyError,
    );
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      await h.refused(() => respond(said.natoWithdraws, 'withdrawal', undefined, missing)),
    ).toMatchObject({ category: 'not-found', code: 'accusation-not-found' });
  });

  it('lets only the accuser withdraw it: AccusationWithdrawn, status withdrawn', async () => {
    expect(await h.refused(() => respond(said.chinaRemarks, 'withdrawal'))).toMatchObject({
      code: 'not-the-accuser',
    });
    const result = await respond(said.natoWithdraws, 'withdrawal', 2);
    expect(result).toMatchObject({ version: 3, view: { status: 'withdrawn' } });
    expect((await h.streamEvents(accusationStreamId(accusationId))).map((e) => e.type)).toEqual([
      'AccusationMade',
      'AccusationDenied',
      'AccusationWithdrawn',
    ]);
  });
});
