import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { sourceDecider, SourceState, sourceStreamId, uuid } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { readView } from '../../shared/records';
import { GetCandidatesQuery, SourceCandidates } from './get-candidates.query';

const candidatesView = (state: SourceState): SourceCandidates => ({
  sourceId: state.source!.sourceId,
  extractor: state.extractor,
  candidates: state.candidates.map((c) => ({
    ...c,
    text: state.source!.text!.slice(c.span.start, c.span.end),
  })),
});

@QueryHandler(GetCandidatesQuery)
export class GetCandidatesHandler implements IQueryHandler<GetCandidatesQuery> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ sourceId, knownAt }: GetCandidatesQuery) {
    const stream = sourceStreamId(uuid(sourceId, 'sourceId'));
    const what = `source ${sourceId}`;
    return readView(this.runner, what, stream, sourceDecider, candidatesView, knownAt);
  }
}
