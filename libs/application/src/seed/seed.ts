import { createHash, randomUUID } from 'node:crypto';
import {
  accusationDecider,
  accusationStreamId,
  openedAccusation,
  actorDecider,
  actorStreamId,
  Decider,
  DomainEvent,
  propositionDecider,
  propositionStreamId,
  sourceDecider,
  sourceStreamId,
  StatementFacts,
  statementDecider,
  statementStreamId,
} from '@app/domain';
import { EventMetadata, PostgresEventStore } from '@app/event-store';
import { CommandRunner, Transactional } from '../command-runner';
import { SAMPLE_ACTORS } from './sample-actors';
import {
  SAMPLE_ACCUSATIONS,
  SAMPLE_ARTICLE,
  SAMPLE_BACKGROUND,
  SAMPLE_PROPOSITIONS,
  SAMPLE_STATEMENTS,
} from './sample-story';

export interface SeedResult {
  seeded: boolean;
  actors: number;
  sources: number;
  propositions: number;
  statements: number;
  accusations: number;
}

/**
 * Load the sample dataset through the same deciders as the API, in one transaction.
 * Does nothing when the sample is already there (its NATO actor exists).
 */
export async function seedSampleData(
  store: PostgresEventStore,
  transaction: Transactional,
  metadata: EventMetadata,
): Promise<SeedResult> {
  if ((await store.streamInfo(actorStreamId('nato'))) !== null) {
    return { seeded: false, actors: 0, sources: 0, propositions: 0, statements: 0, accusations: 0 };
  }
  const runner = new CommandRunner(store, transaction);
  return transaction(async (manager) => {
    const run = <C, S, E extends DomainEvent>(
      streamId: string,
      decider: Decider<C, S, E>,
      command: C,
    ) => runner.run({ streamId, decider, command, metadata, manager });
    for (const actor of SAMPLE_ACTORS) {
      const { affiliations: _affiliations, ...fields } = actor;
      await run(actorStreamId(actor.actorId), actorDecider, { type: 'RegisterActor', ...fields });
    }
    for (const actor of SAMPLE_ACTORS) {
      for (const [affiliationId, organisationId, role, from, to] of actor.affiliations ?? []) {
        await run(actorStreamId(actor.actorId), actorDecider, {
          type: 'AddActorAffiliation',
          affiliationId,
          organisationId,
          role,
          from,
          to,
        });
      }
    }
    const sources = { article: SAMPLE_ARTICLE, background: SAMPLE_BACKGROUND };
    const sourceIds = { article: randomUUID(), background: randomUUID() };
    for (const name of ['article', 'background'] as const) {
      const source = sources[name];
      await run(sourceStreamId(sourceIds[name]), sourceDecider, {
        type: 'RegisterSource',
        sourceId: sourceIds[name],
        sha256: createHash('sha256').update(source.text, 'utf8').digest('hex'),
        ...source,
      });
    }
    for (const proposition of SAMPLE_PROPOSITIONS) {
      await run(propositionStreamId(proposition.propositionId), propositionDecider, {
        type: 'DefineProposition',
        ...proposition,
      });
    }
    const facts = new Map<string, StatementFacts>();
    let accusations = 0;
    for (const { key, phrase, in: from, ...statement } of SAMPLE_STATEMENTS) {
      const source = sources[from ?? 'article'];
      const sourceId = sourceIds[from ?? 'article'];
      const start = source.text.indexOf(phrase);
      if (start < 0) throw new Error(`sample statement ${key}: phrase not in its sample source`);
      const statementId = randomUUID();
      const result = await run(statementStreamId(statementId), statementDecider, {
        type: 'RecordStatement',
        statementId,
        ...statement,
        source: {
          sourceId,
          span: { start, end: start + phrase.length },
          reportedAt: source.publishedAt,
        },
        sourceTextLength: source.text.length,
      });
      const content = result.state.content!;
      const statementFacts: StatementFacts = {
        statementId,
        kind: content.kind,
        speakerId: content.speakerId,
        principalId: content.principalId,
        targetIds: content.targetIds,
        withdrawn: false,
      };
      facts.set(key, statementFacts);
      // As the API records it: an accusation opens its accusation (same id) with it.
      const opened = openedAccusation(
        { ...statementFacts, quote: content.quote, summary: content.summary },
        SAMPLE_ACCUSATIONS.find((a) => a.statement === key)?.allegation,
      );
      if (opened) {
        await run(accusationStreamId(statementId), accusationDecider, opened);
        accusations += 1;
      }
    }
    for (const accusation of SAMPLE_ACCUSATIONS) {
      const streamId = accusationStreamId(facts.get(accusation.statement)!.statementId);
      for (const response of accusation.responses) {
        await run(streamId, accusationDecider, {
          type: 'RespondToAccusation',
          response: response.response,
          statement: facts.get(response.statement)!,
        });
      }
    }
    return {
      seeded: true,
      actors: SAMPLE_ACTORS.length,
      sources: 2,
      propositions: SAMPLE_PROPOSITIONS.length,
      statements: SAMPLE_STATEMENTS.length,
      accusations,
    };
  });
}
