import { randomUUID } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EntityManager } from 'typeorm';
import {
  CORRECTABLE,
  sourceStreamId,
  StatementCommand,
  statementDecider,
  StatementState,
  statementStreamId,
  uuid,
} from '@app/domain';
import { CommandRunner } from '@app/application';
import { MissingStreamsError } from '@app/event-store';
import { UnitOfWork } from '../commands/unit-of-work';
import { registerNewActors } from '../commands/new-actors';
import { Reference, referenceCheck, References } from '../commands/references';
import { SCHEMAS } from '../http/schemas';
import { bodyOf, eventMetadata, ifMatch } from '../http/request-context';
import { created, history, requireFound, withVersion } from '../http/respond';

const RECORD_FIELDS = [...CORRECTABLE, 'source', 'provenance', 'newActors'] as const;

export const statementView = (state: StatementState) => ({
  statementId: state.statementId,
  ...state.content,
  provenance: state.provenance,
  mentions: state.mentions,
  retraction: state.retraction,
  withdrawal: state.withdrawal,
  corrections: state.corrections,
  status: state.withdrawal ? 'withdrawn' : state.retraction ? 'retracted' : 'on-record',
});

/** String ids at the given fields (malformed ones are left for the decider to reject). */
function refs(pairs: Array<[string, unknown]>): Reference[] {
  return pairs
    .filter((pair): pair is [string, string] => typeof pair[1] === 'string')
    .map(([field, id]) => ({ field, id }));
}
function actorRefs(body: Record<string, unknown>, prefix = ''): Reference[] {
  const targets = Array.isArray(body.targetIds)
    ? body.targetIds.map((id, i): [string, unknown] => [`${prefix}targetIds[${i}]`, id])
    : [];
  return refs([
    [`${prefix}speakerId`, body.speakerId],
    [`${prefix}principalId`, body.principalId],
    ...targets,
  ]);
}
function propositionRefs(stances: unknown, prefix = ''): Reference[] {
  return Array.isArray(stances)
    ? refs(
        stances.map((s, i): [string, unknown] => [
          `${prefix}stances[${i}].propositionId`,
          (s as { propositionId?: unknown })?.propositionId,
        ]),
      )
    : [];
}

@ApiTags('statements')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key returns the first result',
})
@Controller('statements')
export class StatementsController {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(References) private readonly references: References,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Record a statement; `newActors` registers actors it names that are not on record yet. */
  @Post()
  @ApiBody({ schema: SCHEMAS.recordStatement })
  async record(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const body = bodyOf(req, RECORD_FIELDS);
    const metadata = eventMetadata(req);
    const statementId = randomUUID();
    const source = body.source as { sourceId?: unknown; span?: unknown } | null;
    const withSpan = source?.span !== undefined && source?.span !== null;
    const references = {
      actor: actorRefs(body),
      proposition: propositionRefs(body.stances),
      source:
        !withSpan && typeof source?.sourceId === 'string'
          ? [{ field: 'source.sourceId', id: source.sourceId }]
          : [],
    };
    const { newActors: _newActors, ...fields } = body;
    const command = (sourceTextLength: number | null) => ({
      streamId: statementStreamId(statementId),
      decider: statementDecider,
      command: {
        type: 'RecordStatement' as const,
        ...fields,
        statementId,
        speakerId: body.speakerId,
        kind: body.kind,
        saidAt: body.saidAt,
        source: body.source,
        sourceTextLength,
      },
      metadata,
      newStream: true,
    });
    // The common case — no new actors, no span to check against the source's text, no
    // idempotency key — is one statement: the append checks the references itself.
    const newActors = Array.isArray(body.newActors) && body.newActors.length > 0;
    if (!newActors && !withSpan && !this.unitOfWork.active()) {
      const check = referenceCheck(references);
      const result = await this.runner
        .run({ ...command(null), requireStreams: check.streamIds })
        .catch((error: unknown) => {
          if (error instanceof MissingStreamsError) check.assertFound(error.streamIds);
          throw error;
        });
      this.unitOfWork.committed();
      return created(
        res,
        `/statements/${statementId}`,
        result.version,
        statementView(result.state),
      );
    }
    const result = await this.unitOfWork.transaction(async (manager) => {
      const registered = await registerNewActors(this.runner, body.newActors, metadata, manager);
      // Without a span the source only has to exist: one query checks every reference.
      await this.references.requireAll(references, manager, registered);
      const sourceTextLength = withSpan
        ? await this.sourceTextLength(source?.sourceId, 'source.sourceId', manager)
        : null;
      return this.runner.run({ ...command(sourceTextLength), manager });
    });
    return created(res, `/statements/${statementId}`, result.version, statementView(result.state));
  }

  @Get(':statementId')
  async get(@Param('statementId') statementId: string, @Res({ passthrough: true }) res: Response) {
    const { state, version } = await this.runner.load(
      statementStreamId(uuid(statementId, 'statementId')),
      statementDecider,
    );
    requireFound(version, `statement ${statementId}`);
    return withVersion(res, version, statementView(state));
  }

  @Get(':statementId/events')
  async events(@Param('statementId') statementId: string) {
    const { events, version } = await this.runner.load(
      statementStreamId(uuid(statementId, 'statementId')),
      statementDecider,
    );
    requireFound(version, `statement ${statementId}`);
    return { statementId, events: history(events) };
  }

  /** Editorial correction: we recorded it wrong. */
  @Post(':statementId/corrections')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.correctStatement })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  correct(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['changes', 'reason']);
    const changes = (
      typeof body.changes === 'object' && body.changes !== null ? body.changes : {}
    ) as Record<string, unknown>;
    return this.change(statementId, req, res, async (manager, metadata) => {
      await this.references.require('actor', actorRefs(changes, 'changes.'), manager);
      await this.references.require(
        'proposition',
        propositionRefs(changes.stances, 'changes.'),
        manager,
      );
      return {
        type: 'CorrectStatement',
        changes: body.changes,
        reason: body.reason,
        correctedBy: String(metadata.userId),
      };
    });
  }

  /** Retraction: the actor took it back. */
  @Post(':statementId/retractions')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.retractStatement })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  retract(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['retractedOn', 'sourceId', 'note']);
    return this.change(statementId, req, res, async (manager) => {
      await this.references.require('source', refs([['sourceId', body.sourceId]]), manager);
      return {
        type: 'RetractStatement',
        retractedOn: body.retractedOn,
        sourceId: body.sourceId,
        note: body.note,
      };
    });
  }

  /** Withdrawal from the record: duplicate or erroneous entry (kept, marked). */
  @Post(':statementId/withdrawals')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.withdrawStatement })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  withdraw(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['reason', 'note', 'duplicateOf']);
    return this.change(statementId, req, res, async (manager) => {
      await this.references.require(
        'statement',
        refs([['duplicateOf', body.duplicateOf]]),
        manager,
      );
      return {
        type: 'WithdrawStatement',
        reason: body.reason,
        note: body.note,
        duplicateOf: body.duplicateOf,
      };
    });
  }

  /** Another source reporting the same statement. */
  @Post(':statementId/mentions')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.addMention })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  mention(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['sourceId', 'span', 'reportedAt']);
    return this.change(statementId, req, res, async (manager) => ({
      type: 'AddStatementMention',
      source: body,
      sourceTextLength: await this.sourceTextLength(body.sourceId, 'sourceId', manager),
    }));
  }

  @Post(':statementId/stances')
  @HttpCode(200)
  @ApiBody({ schema: SCHEMAS.takeStance })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  })
  stance(
    @Param('statementId') statementId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = bodyOf(req, ['propositionId', 'stance']);
    return this.change(statementId, req, res, async (manager) => {
      await this.references.require(
        'proposition',
        refs([['propositionId', body.propositionId]]),
        manager,
      );
      return { type: 'TakeStance', propositionId: body.propositionId, stance: body.stance };
    });
  }

  private async change(
    statementId: string,
    req: Request,
    res: Response,
    prepare: (
      manager: EntityManager,
      metadata: ReturnType<typeof eventMetadata>,
    ) => Promise<StatementCommand>,
  ) {
    const id = uuid(statementId, 'statementId');
    const metadata = eventMetadata(req);
    const expected = ifMatch(req);
    const result = await this.unitOfWork.transaction(async (manager) =>
      this.runner.run({
        streamId: statementStreamId(id),
        decider: statementDecider,
        command: await prepare(manager, metadata),
        ifMatch: expected,
        metadata,
        manager,
      }),
    );
    return withVersion(res, result.version, statementView(result.state));
  }

  /** The text length of a referenced source (null without text); 422 when it is not on record. */
  private async sourceTextLength(
    sourceId: unknown,
    field: string,
    manager: EntityManager,
  ): Promise<number | null> {
    if (typeof sourceId !== 'string') return null;
    // The registration event says both, without folding the source (lengths in UTF-16 code
    // units, as spans count them).
    const rows: Array<{ text: string | null }> = await manager.query(
      `SELECT data->>'text' AS text FROM events
        WHERE stream_id = $1 AND type = 'SourceRegistered' LIMIT 1`,
      [sourceStreamId(sourceId)],
    );
    if (rows.length === 0)
      await this.references.require('source', [{ field, id: sourceId }], manager);
    return rows[0]?.text?.length ?? null;
  }
}
