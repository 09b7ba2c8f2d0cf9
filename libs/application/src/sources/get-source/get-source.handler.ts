import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { sourceDecider, sourceStreamId, uuid } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { readView } from '../../shared/records';
import { sourceView } from '../source-view';
import { GetSourceQuery } from './get-source.query';

@QueryHandler(GetSourceQuery)
export class GetSourceHandler implements IQueryHandler<GetSourceQuery> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ sourceId, knownAt }: GetSourceQuery) {
    const stream = sourceStreamId(uuid(sourceId, 'sourceId'));
    return readView(this.runner, `source ${sourceId}`, stream, sourceDecider, sourceView, knownAt);
  }
}
