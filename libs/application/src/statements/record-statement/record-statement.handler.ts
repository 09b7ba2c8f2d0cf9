import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  accusationDecider,
  accusationStreamId,
  openedAccusation,
  StatementState,
  statementDecider,
  statementStreamId,
} from '@app/domain';
import { MissingStreamsError } from '@app/event-store';
import { registerNewActors } from '../../actors/new-actors';
import { CommandRunner } from '../../command-runner';
import { referenceCheck, References } from '../../ports/references';
import { SourceTexts } from '../../ports/source-texts';
import { UnitOfWork } from '../../ports/unit-of-work';
import { actorRefs, propositionRefs, statementView } from '../statement-view';
import { RecordStatementCommand } from './record-statement.command';

@CommandHandler(RecordStatementCommand)
export class RecordStatementHandler implements ICommandHandler<RecordStatementCommand> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(References) private readonly references: References,
    @Inject(SourceTexts) private readonly sourceTexts: SourceTexts,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  async execute({ input, context }: RecordStatementCommand) {
    const statementId = randomUUID();
    const source = input.source as { sourceId?: unknown; span?: unknown } | null;
    const withSpan = source?.span !== undefined && source?.span !== null;
    const references = {
      actor: actorRefs(input),
      proposition: propositionRefs(input.stances),
      source:
        !withSpan && typeof source?.sourceId === 'string'
          ? [{ field: 'source.sourceId', id: source.sourceId }]
          : [],
    };
    const { newActors, allegation, ...fields } = input;
    const run = (sourceTextLength: number | null) => ({
      streamId: statementStreamId(statementId),
      decider: statementDecider,
      command: {
        type: 'RecordStatement' as const,
        ...fields,
        statementId,
        speakerId: input.speakerId,
        kind: input.kind,
        saidAt: input.saidAt,
        source: input.source,
        sourceTextLength,
      },
      metadata: context.metadata,
      newStream: true,
    });
    const withNewActors = Array.isArray(newActors) && newActors.length > 0;
    // An accusation opens its accusation record in the same transaction.
    const mayAccuse =
      input.kind === 'accusation' || (allegation !== undefined && allegation !== null);
    const result =
      !withNewActors && !withSpan && !mayAccuse
        ? // The common case — no new actors, no span to check against the source's text — is
          // one statement: the append checks the references itself.
          await this.unitOfWork.atomic(async (manager) => {
            const check = referenceCheck(references);
            return this.runner
              .run({ ...run(null), manager, requireStreams: check.streamIds })
              .catch((error: unknown) => {
                if (error instanceof MissingStreamsError) check.assertFound(error.streamIds);
                throw error;
              });
          })
        : await this.unitOfWork.transaction(async (manager) => {
            const registered = await registerNewActors(
              this.runner,
              newActors,
              context.metadata,
              manager,
            );
            // Without a span the source only has to exist: one query checks every reference.
            await this.references.requireAll(references, manager, registered);
            const sourceTextLength = withSpan
              ? await this.sourceTexts.lengthOf(source?.sourceId, 'source.sourceId', manager)
              : null;
            const recorded = await this.runner.run({ ...run(sourceTextLength), manager });
            const opened = openedAccusation(factsOf(statementId, recorded.state), allegation);
            if (opened)
              await this.runner.run({
                streamId: accusationStreamId(statementId),
                decider: accusationDecider,
                command: opened,
                metadata: context.metadata,
                newStream: true,
                manager,
              });
            return recorded;
          });
    return { statementId, version: result.version, view: statementView(result.state) };
  }
}

/** What opening an accusation needs to know of the statement just recorded. */
function factsOf(statementId: string, state: StatementState) {
  const { kind, speakerId, principalId, targetIds, quote, summary } = state.content!;
  return { statementId, kind, speakerId, principalId, targetIds, quote, summary, withdrawn: false };
}
