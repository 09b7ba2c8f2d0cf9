import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { accusationDecider, accusationStreamId, uuid } from '@app/domain';
import { AccusationQueries } from '@app/projections';
import { CommandRunner } from '../../command-runner';
import { readView } from '../../shared/records';
import { accusationView } from '../accusation-view';
import { GetAccusationQuery } from './get-accusation.query';

@QueryHandler(GetAccusationQuery)
export class GetAccusationHandler implements IQueryHandler<GetAccusationQuery> {
  constructor(
    @Inject(CommandRunner) private readonly runner: CommandRunner,
    @Inject(AccusationQueries) private readonly queries: AccusationQueries,
  ) {}

  async execute({ accusationId, knownAt }: GetAccusationQuery) {
    const id = uuid(accusationId, 'accusationId');
    const what = `accusation ${accusationId}`;
    const stream = accusationStreamId(id);
    const recorded = await this.runner.load(stream, accusationDecider, undefined, knownAt);
    if (recorded.version > 0)
      return { version: recorded.version, view: accusationView(recorded.state) };
    // Not on record yet, but derived from a statement that makes it: version 0, open.
    const derived = await this.queries.derived(id, knownAt);
    if (derived)
      return {
        version: 0,
        view: { ...derived, status: 'open' as const, derived: true, responses: [] },
      };
    // Not found (the message says whether as of knownAt).
    return readView(this.runner, what, stream, accusationDecider, accusationView, knownAt);
  }
}
