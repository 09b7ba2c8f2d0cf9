import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ApiKeys } from '@app/access';
import { ListKeysQuery } from './list-keys.query';

@QueryHandler(ListKeysQuery)
export class ListKeysHandler implements IQueryHandler<ListKeysQuery> {
  constructor(@Inject(ApiKeys) private readonly keys: ApiKeys) {}

  async execute() {
    return { keys: await this.keys.list() };
  }
}
