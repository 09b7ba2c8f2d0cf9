import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { propositionDecider, propositionStreamId, slug } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { readView } from '../../shared/records';
import { propositionView } from '../proposition-view';
import { GetPropositionQuery } from './get-proposition.query';

@QueryHandler(GetPropositionQuery)
export class GetPropositionHandler implements IQueryHandler<GetPropositionQuery> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ propositionId, knownAt }: GetPropositionQuery) {
    const stream = propositionStreamId(slug(propositionId, 'propositionId'));
    const what = `proposition ${propositionId}`;
    return readView(this.runner, what, stream, propositionDecider, propositionView, knownAt);
  }
}
