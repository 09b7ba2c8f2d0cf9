import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { accusationDecider, accusationStreamId, uuid } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { readView } from '../../shared/records';
import { accusationView } from '../accusation-view';
import { GetAccusationQuery } from './get-accusation.query';

@QueryHandler(GetAccusationQuery)
export class GetAccusationHandler implements IQueryHandler<GetAccusationQuery> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ accusationId, knownAt }: GetAccusationQuery) {
    const stream = accusationStreamId(uuid(accusationId, 'accusationId'));
    const what = `accusation ${accusationId}`;
    return readView(this.runner, what, stream, accusationDecider, accusationView, knownAt);
  }
}
