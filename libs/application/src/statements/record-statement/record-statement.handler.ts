import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { statementDecider, statementStreamId } from '@app/domain';
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
    const { newActors, ...fields } = input;
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
    const result =
      !withNewActors && !withSpan
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
            return this.runner.run({ ...run(sourceTextLength), manager });
          });
    return { statementId, version: result.version, view: statementView(result.state) };
  }
}
