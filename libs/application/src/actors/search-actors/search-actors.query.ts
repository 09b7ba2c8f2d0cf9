import { Query } from '@nestjs/cqrs';
import type { ActorSearch, ActorSearchQueries } from '@app/projections';

/** Actors by name or alias (ranked), or listed by name; filtered by kind and country. */
export class SearchActorsQuery extends Query<Awaited<ReturnType<ActorSearchQueries['search']>>> {
  constructor(readonly filter: ActorSearch) {
    super();
  }
}
