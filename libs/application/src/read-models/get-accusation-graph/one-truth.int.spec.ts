/**
 * One truth about accusations: an accusation-kind statement opens its accusation as it is
 * recorded, statements on record from before that rule get one derived by the projection (and
 * by the migration, identically), and the graph, the global statement list and the timeline
 * give the same counts — also after corrections.
 */
import { accusationStreamId } from '@app/domain';
import { MakeAccusationCommand } from '../../accusations/make-accusation/make-accusation.command';
import { GetAccusationQuery } from '../../accusations/get-accusation/get-accusation.query';
import { RespondToAccusationCommand } from '../../accusations/respond-to-accusation/respond-to-accusation.command';
import { CorrectStatementCommand } from '../../statements/correct-statement/correct-statement.command';
import { ListStatementsQuery } from '../../statements/list-statements/list-statements.query';
import {
  recordStatement,
  recordStatementAlone,
  registerActors,
  registerSource,
} from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { GetTimelineQuery } from '../get-timeline/get-timeline.query';
import { GetAccusationGraphQuery } from './get-accusation-graph.query';

describe('one truth about accusations', () => {
  let h: Harness;
  let derivedId: string;
  let correctedIntoOne: string;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'nato', 'china', 'russia', 'united-states', 'g7');
    const sourceId = await registerSource(h);
    const accusation = (speakerId: string, quote: string) => ({
      speakerId,
      kind: 'accusation',
      targetIds: ['china'],
      quote,
    });
    // Before the rule: one left alone (derived), one given an accusation by hand.
    derivedId = await recordStatementAlone(
      h,
      sourceId,
      accusation('nato', 'China enables the war'),
    );
    const byHand = await recordStatementAlone(h, sourceId, accusation('g7', 'China arms Russia'));
    await h.commands.execute(
      new MakeAccusationCommand({ statementId: byHand, allegation: 'arming Russia' }, h.context()),
    );
    // After it: opens its own.
    await recordStatement(h, sourceId, accusation('united-states', 'China ships machine tools'));
    // A criticism corrected into an accusation (derived as the correction is projected).
    correctedIntoOne = await recordStatementAlone(h, sourceId, {
      speakerId: 'russia',
      kind: 'criticism',
      targetIds: ['china'],
      quote: 'Beijing should stay out of it',
    });
    await h.commands.execute(
      new CorrectStatementCommand(
        correctedIntoOne,
        { changes: { kind: 'accusation' }, reason: 'it was an accusation' },
        h.context(),
      ),
    );
    // An accusation of China whose target was wrong: corrected to Russia, the graph follows.
    const misdirected = await recordStatement(h, sourceId, accusation('nato', 'arms deliveries'));
    await h.commands.execute(
      new CorrectStatementCommand(
        misdirected,
        { changes: { targetIds: ['russia'] }, reason: 'the target was Russia' },
        h.context(),
      ),
    );
    await h.project();
  });
  afterAll(() => h.close());

  const graph = () =>
    h.queries.execute(new GetAccusationGraphQuery({ limit: 50, actorId: 'china' }, {}));
  const counts = async () => {
    const { edges } = await graph();
    const list = await h.queries.execute(
      new ListStatementsQuery({ kind: 'accusation', targetId: 'china', limit: 100 }),
    );
    const timeline = await h.queries.execute(
      new GetTimelineQuery('china', { kind: 'accusation', limit: 100 }),
    );
    return {
      graph: edges.filter((e) => e.accusedId === 'china').reduce((n, e) => n + e.accusations, 0),
      list: list.total,
      timeline: timeline.items.filter((i) => i.role.includes('target')).length,
    };
  };

  it('counts the same accusations against China on the graph, the list and the timeline', async () => {
    expect(await counts()).toEqual({ graph: 4, list: 4, timeline: 4 });
    const { edges } = await graph();
    expect(edges.map((e) => [e.accuserId, e.accusedId, e.accusations]).sort()).toEqual([
      ['g7', 'china', 1],
      ['nato', 'china', 1],
      ['russia', 'china', 1],
      ['united-states', 'china', 1],
    ]);
  });

  it('shows a derived accusation at version 0 and records it when someone responds', async () => {
    const derived = await h.queries.execute(new GetAccusationQuery(derivedId));
    expect(derived).toEqual({
      version: 0,
      view: {
        accusationId: derivedId,
        statementId: derivedId,
        accuserId: 'nato',
        accusedIds: ['china'],
        allegation: 'China enables the war',
        status: 'open',
        derived: true,
        responses: [],
      },
    });
    const sourceId = await registerSource(h);
    const denial = await recordStatement(h, sourceId, {
      speakerId: 'china',
      kind: 'denial',
      targetIds: ['nato'],
      quote: 'groundless',
    });
    const answered = await h.commands.execute(
      new RespondToAccusationCommand(
        derivedId,
        { statementId: denial, response: 'denial' },
        h.context(undefined, 0),
      ),
    );
    expect(answered).toMatchObject({ version: 2, view: { status: 'denied', derived: false } });
    expect((await h.streamEvents(accusationStreamId(derivedId))).map((e) => e.type)).toEqual([
      'AccusationMade',
      'AccusationDenied',
    ]);
    await h.project();
    const { edges } = await graph();
    expect(edges.find((e) => e.accuserId === 'nato')).toMatchObject({
      accusations: 1,
      byStatus: { denied: 1, open: 0 },
    });
    expect(await counts()).toEqual({ graph: 4, list: 4, timeline: 4 });
  });

  it('derives in the migration exactly what the projection derives', async () => {
    const snapshot = () =>
      h.dataSource.query(
        `SELECT accusation_id, statement_id::text, accuser_id, accused_ids, allegation,
                known_from, derived FROM rm_accusations ORDER BY accusation_id`,
      );
    const projected = await snapshot();
    expect(projected.filter((r: { derived: boolean }) => r.derived)).toHaveLength(1);
    expect(projected.map((r: { statement_id: string }) => r.statement_id)).toContain(
      correctedIntoOne,
    );
    for (;;) {
      const [{ name }] = await h.dataSource.query(
        `SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
      );
      await h.dataSource.undoLastMigration({ transaction: 'all' });
      if (name === 'AccusationsFromStatements1765400000000') break;
    }
    await h.dataSource.runMigrations({ transaction: 'all' });
    expect(await snapshot()).toEqual(projected);
  });
});
