/**
 * Records the specs start from, written through the use cases themselves (the command bus),
 * so a spec's setup is the same path a client takes.
 */
import { randomUUID } from 'node:crypto';
import { actorStreamId, statementDecider, statementStreamId, sourceStreamId } from '@app/domain';
import { RegisterActorCommand } from '../actors/register-actor/register-actor.command';
import { DefinePropositionCommand } from '../propositions/define-proposition/define-proposition.command';
import { RegisterSourceCommand } from '../sources/register-source/register-source.command';
import { RecordStatementCommand } from '../statements/record-statement/record-statement.command';
import type { Harness } from './harness';

export { actorStreamId, sourceStreamId, statementStreamId };

/** Register actors by id ("nato") or in full; a bare id is registered as a state named like it. */
export async function registerActors(
  h: Harness,
  ...actors: Array<string | Record<string, unknown>>
): Promise<void> {
  for (const actor of actors) {
    const input =
      typeof actor === 'string'
        ? { actorId: actor, name: actor.replace(/-/g, ' ').toUpperCase(), kind: 'state' }
        : actor;
    await h.commands.execute(new RegisterActorCommand(input, h.context()));
  }
}

/** Register a source (by url, or with its text, unextracted unless `extract: true`); its id. */
export async function registerSource(
  h: Harness,
  input: Record<string, unknown> = {},
): Promise<string> {
  const registration = await h.commands.execute(
    new RegisterSourceCommand(
      {
        url: `https://news.example/${Math.random().toString(36).slice(2)}`,
        extract: false,
        ...input,
      },
      h.context(),
    ),
  );
  return registration.sourceId;
}

/** A statement body: `speakerId` said something about `targetIds`, reported by `sourceId`. */
export function statementInput(
  sourceId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    speakerId: 'russia',
    kind: 'statement',
    targetIds: ['nato'],
    quote: 'response measures',
    saidAt: { date: '2024-07-11', precision: 'day' },
    source: { sourceId },
    ...overrides,
  };
}

/** Record a statement; its id. */
export async function recordStatement(
  h: Harness,
  sourceId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const recorded = await h.commands.execute(
    new RecordStatementCommand(statementInput(sourceId, overrides), h.context()),
  );
  return recorded.statementId;
}

/**
 * A statement as recorded before accusation-kind statements opened their accusation: the
 * StatementRecorded event alone, appended straight to the store (histories on record have them).
 */
export async function recordStatementAlone(
  h: Harness,
  sourceId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const statementId = randomUUID();
  const [event] = statementDecider.decide(
    { type: 'RecordStatement', statementId, ...statementInput(sourceId, overrides) } as never,
    statementDecider.initialState(),
  );
  await h.store.append(statementStreamId(statementId), 'no-stream', [
    {
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata: h.context().metadata,
    },
  ]);
  return statementId;
}

export async function defineProposition(
  h: Harness,
  propositionId: string,
  text = `${propositionId} is true`,
): Promise<void> {
  await h.commands.execute(new DefinePropositionCommand({ propositionId, text }, h.context()));
}
