import { createHash, randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  invalid,
  pendingCandidate,
  sourceDecider,
  SourceState,
  sourceStreamId,
  statementDecider,
  statementStreamId,
  uuid,
} from '@app/domain';
import { CommandRunner } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConcurrencyError, EventMetadata } from '@app/event-store';
import { EXTRACTOR, extract } from '@app/extraction';
import { SCHEMAS } from '../http/schemas';
import { bodyOf, eventMetadata } from '../http/request-context';
import { created, requireFound, withVersion } from '../http/respond';
import { UnitOfWork } from '../commands/unit-of-work';
import { References } from '../commands/references';
import { registerNewActors } from '../commands/new-actors';
import { matchingStatement, registryGazetteer } from './ingestion';

/** A UUID named by a hash (version 8, "custom"): the same text always names the same source. */
export function uuidFromHash(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

@ApiTags('sources')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key returns the first result',
})
@Controller('sources')
export class SourcesController {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(References) private readonly references: References,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Register a document; its text's SHA-256 is computed here. With text, the source's id is
   * named by that hash (the same text again creates nothing: 200 with the source on record)
   * and the statements the extractor finds in it are proposed for review (`extract: false`
   * skips that).
   */
  @Post()
  @ApiBody({ schema: SCHEMAS.registerSource })
  async register(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, ['url', 'publisher', 'title', 'publishedAt', 'text', 'extract']);
    if (body.extract !== undefined && typeof body.extract !== 'boolean')
      throw invalid('extract', 'extract must be true or false');
    const { extract: wanted, ...fields } = body;
    const text = typeof body.text === 'string' ? body.text.normalize('NFC').trim() : undefined;
    const hash = text === undefined ? undefined : sha256(text);
    const sourceId = hash ? uuidFromHash(hash) : randomUUID();
    if (hash) {
      const known = await this.runner.load(sourceStreamId(sourceId), sourceDecider);
      if (known.version > 0) return this.existing(res, sourceId, known.state, known.version);
    }
    const on =
      typeof body.publishedAt === 'string' && /^\d{4}-\d{2}-\d{2}/.test(body.publishedAt)
        ? body.publishedAt.slice(0, 10)
        : undefined;
    const candidates =
      text !== undefined && text.length > 0 && wanted !== false
        ? await this.candidates(sourceId, text, on)
        : undefined;
    const metadata = eventMetadata(req);
    try {
      const result = await this.unitOfWork.transaction(async (manager) => {
        const registered = await this.runner.run({
          streamId: sourceStreamId(sourceId),
          decider: sourceDecider,
          command: {
            type: 'RegisterSource',
            ...fields,
            sourceId,
            sha256: hash,
            extractor: candidates
              ? { name: EXTRACTOR.name, version: EXTRACTOR.version }
              : undefined,
            candidates,
          },
          metadata,
          manager,
          newStream: true,
        });
        const threshold = this.config.extractionAutoAccept;
        if (threshold === null) return registered;
        // Confident candidates about actors on record are accepted right away.
        const sure = registered.state.candidates.filter(
          (c) =>
            c.confidence >= threshold &&
            !c.speaker.proposed &&
            !c.principal?.proposed &&
            c.targets.every((t) => !t.proposed),
        );
        let accepted = 0;
        for (const candidate of sure)
          try {
            await this.acceptIn(manager, sourceId, candidate.candidateId, {}, metadata);
            accepted++;
          } catch (error) {
            // An actor it names is not on record (the built-in gazetteer knows more than the
            // registry): it waits for an analyst. Refusals come before any write.
            if (!(error instanceof DomainError)) throw error;
          }
        return accepted === 0
          ? registered
          : this.runner.load(sourceStreamId(sourceId), sourceDecider, manager);
      });
      return created(res, `/sources/${sourceId}`, result.version, sourceView(result.state));
    } catch (error) {
      // The same text posted twice at once: the second finds the first's source.
      if (!(error instanceof ConcurrencyError) || !hash) throw error;
      const known = await this.runner.load(sourceStreamId(sourceId), sourceDecider);
      return this.existing(res, sourceId, known.state, known.version);
    }
  }

  @Get(':sourceId')
  async get(@Param('sourceId') sourceId: string, @Res({ passthrough: true }) res: Response) {
    const { state, version } = await this.runner.load(
      sourceStreamId(uuid(sourceId, 'sourceId')),
      sourceDecider,
    );
    requireFound(version, `source ${sourceId}`);
    return withVersion(res, version, sourceView(state));
  }

  /** The statements the extractor proposed in the source, with their review status. */
  @Get(':sourceId/candidates')
  async candidatesOf(
    @Param('sourceId') sourceId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { state, version } = await this.runner.load(
      sourceStreamId(uuid(sourceId, 'sourceId')),
      sourceDecider,
    );
    requireFound(version, `source ${sourceId}`);
    return withVersion(res, version, {
      sourceId: state.source!.sourceId,
      extractor: state.extractor,
      candidates: state.candidates.map((c) => ({
        ...c,
        text: state.source!.text!.slice(c.span.start, c.span.end),
      })),
    });
  }

  /**
   * Accept a candidate: it is recorded as a statement (provenance: the extractor and its
   * version), or, when a statement on record has the same speaker or principal, the same or a
   * near-identical quote and a close date, as a new mention of that one. `changes` edits the
   * candidate first (speakerId, principalId, kind, targetIds, quote, summary, saidAt);
   * `newActors` registers actors it names that are not on record.
   */
  @Post(':sourceId/candidates/:candidateId/acceptance')
  @ApiBody({ schema: SCHEMAS.acceptCandidate })
  async accept(
    @Param('sourceId') sourceIdParam: string,
    @Param('candidateId') candidateIdParam: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const sourceId = uuid(sourceIdParam, 'sourceId');
    const candidateId = uuid(candidateIdParam, 'candidateId');
    const body = bodyOf(req, ['changes', 'newActors']);
    const metadata = eventMetadata(req);
    const outcome = await this.unitOfWork.transaction((manager) =>
      this.acceptIn(manager, sourceId, candidateId, body, metadata),
    );
    res.status(outcome.as === 'recorded' ? 201 : 200);
    res.setHeader('Location', `/statements/${outcome.statementId}`);
    return outcome;
  }

  @Post(':sourceId/candidates/:candidateId/rejection')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.rejectCandidate })
  async reject(
    @Param('sourceId') sourceIdParam: string,
    @Param('candidateId') candidateIdParam: string,
    @Req() req: Request,
  ) {
    const sourceId = uuid(sourceIdParam, 'sourceId');
    // Normalised (lower case) before use: the answer must find the candidate the event names.
    const candidateId = uuid(candidateIdParam, 'candidateId');
    const body = bodyOf(req, ['reason']);
    const metadata = eventMetadata(req);
    const result = await this.runner.run({
      streamId: sourceStreamId(sourceId),
      decider: sourceDecider,
      command: {
        type: 'RejectCandidate',
        candidateId,
        reason: body.reason,
        rejectedBy: metadata.userId ?? null,
      },
      metadata,
    });
    const candidate = result.state.candidates.find((c) => c.candidateId === candidateId)!;
    return {
      candidateId: candidate.candidateId,
      status: candidate.status,
      reason: candidate.reason,
    };
  }

  private existing(res: Response, sourceId: string, state: SourceState, version: number) {
    res.status(200).setHeader('Location', `/sources/${sourceId}`);
    return withVersion(res, version, { ...sourceView(state), existing: true });
  }

  /** What the extractor finds, as the source's candidates (ids named by their place). */
  private async candidates(sourceId: string, text: string, on?: string) {
    const gazetteer = await registryGazetteer(this.dataSource, on);
    return extract(text, gazetteer).map((c, i) => ({
      candidateId: uuidFromHash(
        sha256(`${sourceId}|${i}|${c.start}|${c.end}|${c.speaker.id}|${c.kind}`),
      ),
      speaker: { ...c.speaker, proposed: c.speaker.proposed === true },
      principal: c.principal ? { ...c.principal, proposed: c.principal.proposed === true } : null,
      kind: c.kind,
      targets: c.targets.map((t) => ({ ...t, proposed: t.proposed === true })),
      quote: c.quote,
      allegation: c.allegation,
      span: { start: c.start, end: c.end },
      confidence: c.confidence,
    }));
  }

  private async acceptIn(
    manager: EntityManager,
    sourceId: string,
    candidateId: string,
    body: Record<string, unknown>,
    metadata: EventMetadata,
  ) {
    const source = await this.runner.load(sourceStreamId(sourceId), sourceDecider, manager);
    requireFound(source.version, `source ${sourceId}`);
    const state = source.state;
    // Refused before any work (the source decider checks again when the review is appended).
    const candidate = pendingCandidate(candidateId, state);
    const changes = (body.changes ?? {}) as Record<string, unknown>;
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
      throw invalid('changes', 'changes must be an object');
    const allowed = ['speakerId', 'principalId', 'kind', 'targetIds', 'quote', 'summary', 'saidAt'];
    const stray = Object.keys(changes).find((k) => !allowed.includes(k));
    if (stray !== undefined)
      throw invalid(`changes.${stray}`, `changes.${stray} cannot be edited here`);
    const registered = await registerNewActors(this.runner, body.newActors, metadata, manager);
    const text = state.source!.text!;
    const published = state.source!.publishedAt;
    const statement = {
      speakerId: changes.speakerId ?? candidate.speaker.id,
      principalId:
        'principalId' in changes ? changes.principalId : (candidate.principal?.id ?? null),
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
    const fieldOf = (field: string) =>
      field in changes ? `changes.${field}` : `candidate ${field}`;
    const targets = Array.isArray(statement.targetIds) ? statement.targetIds : [];
    await this.references.requireAll(
      {
        actor: [
          ...(typeof statement.speakerId === 'string'
            ? [{ field: fieldOf('speakerId'), id: statement.speakerId }]
            : []),
          ...(typeof statement.principalId === 'string'
            ? [{ field: fieldOf('principalId'), id: statement.principalId }]
            : []),
          ...targets
            .filter((t): t is string => typeof t === 'string')
            .map((id, i) => ({ field: `${fieldOf('targetIds')}[${i}]`, id })),
        ],
      },
      manager,
      registered,
    );
    const mention = { sourceId, span: candidate.span };
    const match = await matchingStatement(manager, {
      speakerId: String(statement.speakerId),
      principalId: typeof statement.principalId === 'string' ? statement.principalId : null,
      quote: typeof statement.quote === 'string' ? statement.quote : null,
      saidOn: (statement.saidAt as { date?: string | null })?.date ?? null,
      sourceId,
    });
    let statementId: string;
    let as: 'recorded' | 'mention';
    if (match) {
      statementId = match;
      as = 'mention';
      await this.runner.run({
        streamId: statementStreamId(statementId),
        decider: statementDecider,
        command: { type: 'AddStatementMention', source: mention },
        metadata,
        manager,
      });
    } else {
      statementId = randomUUID();
      as = 'recorded';
      await this.runner.run({
        streamId: statementStreamId(statementId),
        decider: statementDecider,
        command: {
          type: 'RecordStatement',
          statementId,
          ...statement,
          source: mention,
          sourceTextLength: text.length,
          confidence: candidate.confidence,
          provenance: {
            method: 'extractor',
            extractor: state.extractor?.name ?? EXTRACTOR.name,
            version: state.extractor?.version ?? EXTRACTOR.version,
          },
        } as never,
        metadata,
        manager,
        newStream: true,
      });
    }
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
}

function sourceView(state: SourceState) {
  return {
    ...state.source!,
    candidates: {
      proposed: state.candidates.filter((c) => c.status === 'proposed').length,
      accepted: state.candidates.filter((c) => c.status === 'accepted').length,
      rejected: state.candidates.filter((c) => c.status === 'rejected').length,
    },
  };
}
