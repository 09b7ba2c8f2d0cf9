import { Query } from '@nestjs/cqrs';
import type { PropositionListQueries } from '@app/projections';

/** Propositions by words of their id, wording or tags. */
export class ListPropositionsQuery extends Query<
  Awaited<ReturnType<PropositionListQueries['propositions']>>
> {
  constructor(readonly filter: { q?: string; limit: number; cursor?: string }) {
    super();
  }
}
