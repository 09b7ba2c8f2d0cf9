import { randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  invalid,
  pendingCandidate,
  sourceDecider,
  SourceState,
  sourceStreamId,
  statementDecider,
  statementStreamId,
} from '@app/domain';
import type { EventMetadata } from '@app/event-store';
import { EXTRACTOR } from '@app/extraction';
import { registerNewActors } from '../../actors/new-actors';
import { CommandRunner } from '../../command-runner';
import { IngestionReads } from '../../ports/ingestion';
import { References } from '../../ports/references';

type Candidate = ReturnType<typeof pendingCandidate>;

export interface Acceptance {
  candidateId: string;
  statementId: string;
  /** Recorded as a new statement, or as a new mention of one on record. */
  as: 'recorded' | 'mention';
}

/** What an analyst may change in a candidate before accepting it. */
const EDITABLE = ['speakerId', 'principalId', 'kind', 'targetIds', 'quote', 'summary', 'saidAt'];

/**
 * Accepting a candidate, inside the caller's transaction: it is recorded as a statement
 * (provenance: the extractor and its version), or, when a statement on record has the same
 * speaker or principal, the same or a near-identical quote and a close date, as a new mention
 * of that one. Used by the review endpoint and by registration's automatic acceptance.
 */
@Injectable()
export class CandidateAcceptance {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(References) private readonly references: References,
    @Inject(IngestionReads) private readonly reads: IngestionReads,
  ) {}

  async acceptIn(
    manager: EntityManager,
    sourceId: string,
    candidateId: string,
    input: { changes?: unknown; newActors?: unknown },
    metadata: EventMetadata,
  ): Promise<Acceptance> {
    const source = await this.runner.load(sourceStreamId(sourceId), sourceDecider, manager);
    if (source.version === 0) throw new NotFoundException(`source ${sourceId} not found`);
    // Refused before any work (the source decider checks again when the review is appended).
    const candidate = pendingCandidate(candidateId, source.state);
    const changes = editsOf(input.changes);
    const registered = await registerNewActors(this.runner, input.newActors, metadata, manager);
    const statement = editedStatement(candidate, changes, source.state);
    await this.checkActors(statement, changes, manager, registered);
    const match = await this.reads.matchingStatement(manager, {
      speakerId: String(statement.speakerId),
      principalId: typeof statement.principalId === 'string' ? statement.principalId : null,
      quote: typeof statement.quote === 'string' ? statement.quote : null,
      saidOn: (statement.saidAt as { date?: string | null })?.date ?? null,
      sourceId,
    });
    const mention = { sourceId, span: candidate.span };
    const statementId = match ?? randomUUID();
    if (match)
      await this.runner.run({
        streamId: statementStreamId(statementId),
        decider: statementDecider,
        command: { type: 'AddStatementMention', source: mention },
        metadata,
        manager,
      });
    else
      await this.runner.run({
        streamId: statementStreamId(statementId),
        decider: statementDecider,
        command: {
          type: 'RecordStatement',
          statementId,
          ...statement,
          source: mention,
          sourceTextLength: source.state.source!.text!.length,
          confidence: candidate.confidence,
          provenance: {
            method: 'extractor',
            extractor: source.state.extractor?.name ?? EXTRACTOR.name,
            version: source.state.extractor?.version ?? EXTRACTOR.version,
          },
        } as never,
        metadata,
        manager,
        newStream: true,
      });
    const as = match ? 'mention' : 'recorded';
    await this.runner.run({
      streamId: sourceStreamId(sourceId),
      decider: sourceDecider,
      command: {
        type: 'AcceptCandidate',
        candidateId,
        statementId,
        as,
        acceptedBy: metadata.userId ?? null,
      },
      metadata,
      manager,
    });
    return { candidateId, statementId, as };
  }

  /** The actors the statement names exist (or are being registered with it). */
  private async checkActors(
    statement: ReturnType<typeof editedStatement>,
    changes: Record<string, unknown>,
    manager: EntityManager,
    registered: string[],
  ): Promise<void> {
    const fieldOf = (field: string) =>
      field in changes ? `changes.${field}` : `candidate ${field}`;
    const targets = Array.isArray(statement.targetIds) ? statement.targetIds : [];
    const named = (field: string, id: unknown) =>
      typeof id === 'string' ? [{ field: fieldOf(field), id }] : [];
    await this.references.requireAll(
      {
        actor: [
          ...named('speakerId', statement.speakerId),
          ...named('principalId', statement.principalId),
          ...targets
            .filter((t): t is string => typeof t === 'string')
            .map((id, i) => ({ field: `${fieldOf('targetIds')}[${i}]`, id })),
        ],
      },
      manager,
      registered,
    );
  }
}

/** The analyst's edits: an object of editable fields only. */
function editsOf(value: unknown): Record<string, unknown> {
  const changes = (value ?? {}) as Record<string, unknown>;
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
    throw invalid('changes', 'changes must be an object');
  const stray = Object.keys(changes).find((k) => !EDITABLE.includes(k));
  if (stray !== undefined)
    throw invalid(`changes.${stray}`, `changes.${stray} cannot be edited here`);
  return changes;
}

/** The statement a candidate becomes: the extractor's reading with the analyst's edits. */
function editedStatement(
  candidate: Candidate,
  changes: Record<string, unknown>,
  state: SourceState,
) {
  const text = state.source!.text!;
  const published = state.source!.publishedAt;
  return {
    speakerId: changes.speakerId ?? candidate.speaker.id,
    principalId: 'principalId' in changes ? changes.principalId : (candidate.principal?.id ?? null),
    kind: changes.kind ?? candidate.kind,
    targetIds: changes.targetIds ?? candidate.targets.map((t) => t.id),
    quote: 'quote' in changes ? changes.quote : candidate.quote,
    summary:
      'summary' in changes
        ? changes.summary
        : candidate.quote
          ? null
          : text.slice(candidate.span.start, candidate.span.end),
    saidAt:
      changes.saidAt ??
      (published
        ? { date: published.slice(0, 10), precision: 'day' }
        : { date: null, precision: 'unknown' }),
  };
}
