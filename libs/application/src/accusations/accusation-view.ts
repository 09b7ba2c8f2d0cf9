import { EntityManager } from 'typeorm';
import {
  AccusationState,
  ruleBroken,
  StatementFacts,
  statementDecider,
  statementStreamId,
  statusOf,
  uuid,
} from '@app/domain';
import type { Static } from '@sinclair/typebox';
import { CommandRunner } from '../command-runner';
import { AccusationViewSchema } from './accusation.schemas';

/** An accusation as the API shows it. */
export type AccusationView = Omit<Static<typeof AccusationViewSchema>, 'version'>;

export const accusationView = (state: AccusationState): AccusationView => ({
  accusationId: state.accusationId!,
  statementId: state.statementId!,
  accuserId: state.accuserId!,
  accusedIds: state.accusedIds,
  allegation: state.allegation,
  status: statusOf(state),
  derived: false,
  responses: state.responses,
});

/** What the accusation rules need to know about a statement (422 when it is not on record). */
export async function statementFacts(
  runner: CommandRunner,
  statementId: unknown,
  manager: EntityManager,
): Promise<StatementFacts> {
  const id = uuid(statementId, 'statementId');
  const { state, version } = await runner.load(statementStreamId(id), statementDecider, manager);
  if (version === 0 || !state.content)
    throw ruleBroken(
      'unknown-statement',
      `statementId refers to statement "${id}", which is not on record`,
      'statementId',
    );
  const { kind, speakerId, principalId, targetIds } = state.content;
  return {
    statementId: id,
    kind,
    speakerId,
    principalId,
    targetIds,
    withdrawn: state.withdrawal !== null,
  };
}
