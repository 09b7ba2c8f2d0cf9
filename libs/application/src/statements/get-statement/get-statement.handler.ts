import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { statementDecider, statementStreamId, uuid } from '@app/domain';
import { CommandRunner } from '../../command-runner';
import { readView } from '../../shared/records';
import { statementView } from '../statement-view';
import { GetStatementQuery } from './get-statement.query';

@QueryHandler(GetStatementQuery)
export class GetStatementHandler implements IQueryHandler<GetStatementQuery> {
  constructor(@Inject(CommandRunner) private readonly runner: CommandRunner) {}

  execute({ statementId, knownAt }: GetStatementQuery) {
    const stream = statementStreamId(uuid(statementId, 'statementId'));
    const what = `statement ${statementId}`;
    return readView(this.runner, what, stream, statementDecider, statementView, knownAt);
  }
}
