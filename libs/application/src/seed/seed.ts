import { createHash, randomUUID } from 'node:crypto';
import {
  accusationDecider,
  accusationStreamId,
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
    const sourceId = randomUUID();
    const sha256 = createHash('sha256').update(SAMPLE_ARTICLE.text, 'utf8').digest('hex');
    await run(sourceStreamId(sourceId), sourceDecider, {
      type: 'RegisterSource',
      sourceId,
      sha256,
      ...SAMPLE_ARTICLE,
    });
    for (const proposition of SAMPLE_PROPOSITIONS) {
      await run(propositionStreamId(proposition.propositionId), propositionDecider, {
        type: 'DefineProposition',
        ...proposition,
      });
    }
    const facts = new Map<string, StatementFacts>();
    for (const { key, phrase, ...statement } of SAMPLE_STATEMENTS) {
      const start = SAMPLE_ARTICLE.text.indexOf(phrase);
      if (start < 0) throw new Error(`sample statement ${key}: phrase not in the sample article`);
      const statementId = randomUUID();
      const result = await run(statementStreamId(statementId), statementDecider, {
        type: 'RecordStatement',
        statementId,
        ...statement,
        source: {
          sourceId,
          span: { start, end: start + phrase.length },
          reportedAt: SAMPLE_ARTICLE.publishedAt,
        },
        sourceTextLength: SAMPLE_ARTICLE.text.length,
      });
      const content = result.state.content!;
      facts.set(key, {
        statementId,
        kind: content.kind,
        speakerId: content.speakerId,
        principalId: content.principalId,
        targetIds: content.targetIds,
        withdrawn: false,
      });
    }
    for (const accusation of SAMPLE_ACCUSATIONS) {
      const accusationId = randomUUID();
      const streamId = accusationStreamId(accusationId);
      await run(streamId, accusationDecider, {
        type: 'MakeAccusation',
        accusationId,
        statement: facts.get(accusation.statement)!,
        allegation: accusation.allegation,
      });
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
      sources: 1,
      propositions: SAMPLE_PROPOSITIONS.length,
      statements: SAMPLE_STATEMENTS.length,
      accusations: SAMPLE_ACCUSATIONS.length,
    };
  });
}
