import {
  StatementCommand,
  statementDecider,
  StatementState,
  statementStreamId,
  uuid,
} from '@app/domain';
import { EntityManager } from 'typeorm';
import type { Static } from '@sinclair/typebox';
import { CommandRunner } from '../command-runner';
import { StatementViewSchema } from './statement.schemas';
import type { Reference } from '../ports/references';
import { UnitOfWork } from '../ports/unit-of-work';
import type { Versioned, WriteContext } from '../shared/write-context';

/** A statement's standing: the same names the read models and the timeline use. */
export type StatementStatus = 'recorded' | 'retracted' | 'withdrawn';

export const statementStatus = (state: StatementState): StatementStatus =>
  state.withdrawal ? 'withdrawn' : state.retraction ? 'retracted' : 'recorded';

/** A statement as the API shows it. */
export type StatementView = Omit<Static<typeof StatementViewSchema>, 'version'>;

export const statementView = (state: StatementState): StatementView => ({
  statementId: state.statementId!,
  ...state.content!,
  provenance: state.provenance,
  mentions: state.mentions,
  retraction: state.retraction,
  withdrawal: state.withdrawal,
  corrections: state.corrections,
  status: statementStatus(state),
});

/** String ids at the given fields (malformed ones are left for the decider to reject). */
export function refs(pairs: Array<[string, unknown]>): Reference[] {
  return pairs
    .filter((pair): pair is [string, string] => typeof pair[1] === 'string')
    .map(([field, id]) => ({ field, id }));
}

export function actorRefs(body: Record<string, unknown>, prefix = ''): Reference[] {
  const targets = Array.isArray(body.targetIds)
    ? body.targetIds.map((id, i): [string, unknown] => [`${prefix}targetIds[${i}]`, id])
    : [];
  return refs([
    [`${prefix}speakerId`, body.speakerId],
    [`${prefix}principalId`, body.principalId],
    ...targets,
  ]);
}

export function propositionRefs(stances: unknown, prefix = ''): Reference[] {
  return Array.isArray(stances)
    ? refs(
        stances.map((s, i): [string, unknown] => [
          `${prefix}stances[${i}].propositionId`,
          (s as { propositionId?: unknown })?.propositionId,
        ]),
      )
    : [];
}

/**
 * One command on one statement's stream, prepared inside the transaction (reference checks
 * first), checked against If-Match.
 */
export async function changeStatement(
  runner: CommandRunner,
  unitOfWork: UnitOfWork,
  statementId: string,
  context: WriteContext,
  prepare: (manager: EntityManager) => Promise<StatementCommand>,
): Promise<Versioned<StatementView>> {
  const id = uuid(statementId, 'statementId');
  const result = await unitOfWork.transaction(async (manager) =>
    runner.run({
      streamId: statementStreamId(id),
      decider: statementDecider,
      command: await prepare(manager),
      ifMatch: context.ifMatch,
      metadata: context.metadata,
      manager,
    }),
  );
  return { version: result.version, view: statementView(result.state) };
}
