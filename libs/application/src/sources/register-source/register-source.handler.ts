import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { DomainError, invalid, sourceDecider, SourceState, sourceStreamId } from '@app/domain';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ConcurrencyError, EventMetadata } from '@app/event-store';
import { EXTRACTOR, extract } from '@app/extraction';
import { CommandRunner } from '../../command-runner';
import { IngestionReads } from '../../ports/ingestion';
import { UnitOfWork } from '../../ports/unit-of-work';
import { CandidateAcceptance } from '../accept-candidate/candidate-acceptance';
import { sha256, sourceView, uuidFromHash } from '../source-view';
import { RegisterSourceCommand, Registration } from './register-source.command';

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(IngestionReads) private readonly reads: IngestionReads,
    @Inject(CandidateAcceptance) private readonly acceptance: CandidateAcceptance,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input, context }: RegisterSourceCommand): Promise<Registration> {
    if (input.extract !== undefined && typeof input.extract !== 'boolean')
      throw invalid('extract', 'extract must be true or false');
    const { extract: wanted, ...fields } = input;
    const text = typeof input.text === 'string' ? input.text.normalize('NFC').trim() : undefined;
    const hash = text === undefined ? undefined : sha256(text);
    const sourceId = hash ? uuidFromHash(hash) : randomUUID();
    if (hash) {
      const known = await this.existing(sourceId);
      if (known) return known;
    }
    const on =
      typeof input.publishedAt === 'string' && /^\d{4}-\d{2}-\d{2}/.test(input.publishedAt)
        ? input.publishedAt.slice(0, 10)
        : undefined;
    const candidates =
      text !== undefined && text.length > 0 && wanted !== false
        ? await this.candidates(sourceId, text, on)
        : undefined;
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
          metadata: context.metadata,
          manager,
          newStream: true,
        });
        const accepted = await this.acceptConfident(
          manager,
          sourceId,
          registered.state,
          context.metadata,
        );
        return accepted === 0
          ? registered
          : this.runner.load(sourceStreamId(sourceId), sourceDecider, manager);
      });
      return { sourceId, existing: false, version: result.version, view: sourceView(result.state) };
    } catch (error) {
      // The same text posted twice at once: the second finds the first's source.
      if (!(error instanceof ConcurrencyError) || !hash) throw error;
      return (await this.existing(sourceId))!;
    }
  }

  private async existing(sourceId: string): Promise<Registration | null> {
    const known = await this.runner.load(sourceStreamId(sourceId), sourceDecider);
    if (known.version === 0) return null;
    return { sourceId, existing: true, version: known.version, view: sourceView(known.state) };
  }

  /** Confident candidates about actors on record are accepted right away. */
  private async acceptConfident(
    manager: EntityManager,
    sourceId: string,
    state: SourceState,
    metadata: EventMetadata,
  ): Promise<number> {
    const threshold = this.config.extractionAutoAccept;
    if (threshold === null) return 0;
    const sure = state.candidates.filter(
      (c) =>
        c.confidence >= threshold &&
        !c.speaker.proposed &&
        !c.principal?.proposed &&
        c.targets.every((t) => !t.proposed),
    );
    let accepted = 0;
    for (const candidate of sure)
      try {
        await this.acceptance.acceptIn(manager, sourceId, candidate.candidateId, {}, metadata);
        accepted++;
      } catch (error) {
        // An actor it names is not on record (the built-in gazetteer knows more than the
        // registry): it waits for an analyst. Refusals come before any write.
        if (!(error instanceof DomainError)) throw error;
      }
    return accepted;
  }

  /** What the extractor finds, as the source's candidates (ids named by their place). */
  private async candidates(sourceId: string, text: string, on?: string) {
    const gazetteer = await this.reads.gazetteer(on);
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
}
