import { accusationStreamId } from '@app/domain';
import {
  recordStatement,
  recordStatementAlone,
  registerActors,
  registerSource,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { MakeAccusationCommand } from './make-accusation.command';

describe('MakeAccusationCommand', () => {
  let h: Harness;
  let accusing: string;
  let opened: string;
  let plain: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'nato', 'china', 'russia');
    const sourceId = await registerSource(h);
    const nato = { speakerId: 'nato', kind: 'accusation', targetIds: ['china'] };
    // Recorded before statements opened their own accusation: one is made by hand.
    accusing = await recordStatementAlone(h, sourceId, { ...nato, quote: 'enabling the war' });
    opened = await recordStatement(h, sourceId, { ...nato, quote: 'arming the war' });
    plain = await recordStatement(h, sourceId);
  });
  afterAll(() => h.close());

  const accuse = (input: Record<string, unknown>) =>
    h.commands.execute(new MakeAccusationCommand(input, h.context()));

  it('makes an accusation from an accusation statement: its targets are the accused', async () => {
    const result = await accuse({ statementId: accusing, allegation: 'enabling the war' });
    expect(result).toMatchObject({
      version: 1,
      view: { accuserId: 'nato', accusedIds: ['china'], status: 'open', responses: [] },
    });
    expect(await h.streamEvents(accusationStreamId(result.accusationId))).toEqual([
      expect.objectContaining({
        type: 'AccusationMade',
        version: 1,
        data: {
          accusationId: result.accusationId,
          statementId: accusing,
          accuserId: 'nato',
          accusedIds: ['china'],
          allegation: 'enabling the war',
        },
      }),
    ]);
  });

  it('refuses a statement that opened its own accusation (409, naming it), writing nothing', async () => {
    const before = await h.eventCount();
    expect(await h.refused(() => accuse({ statementId: opened, allegation: 'x' }))).toMatchObject({
      category: 'conflict',
      code: 'accusation-exists',
      field: 'statementId',
      message: expect.stringContaining(opened),
    });
    expect(await h.eventCount()).toBe(before);
  });

  it('refuses a statement not on record, or not of kind accusation (422, statementId)', async () => {
    const unknown = { statementId: '00000000-0000-4000-8000-000000000000', allegation: 'x' };
    expect(await h.refused(() => accuse(unknown))).toMatchObject({
      category: 'rule',
      code: 'unknown-statement',
      field: 'statementId',
    });
    expect(await h.refused(() => accuse({ statementId: plain, allegation: 'x' }))).toMatchObject({
      category: 'rule',
      code: 'not-an-accusation',
      field: 'statementId',
    });
  });

  it('refuses the accuser among the accused', async () => {
    const self = { statementId: accusing, accusedIds: ['china', 'nato'], allegation: 'x' };
    expect(await h.refused(() => accuse(self))).toMatchObject({
      category: 'rule',
      code: 'self-accusation',
      field: 'accusedIds',
    });
  });

  it('refuses accusedIds naming an actor not on record (422 unknown-actor, accusedIds[i])', async () => {
    const unknown = { statementId: accusing, accusedIds: ['atlantis'], allegation: 'x' };
    expect(await h.refused(() => accuse(unknown))).toMatchObject({
      category: 'rule',
      code: 'unknown-actor',
      field: 'accusedIds[0]',
    });
  });
});
