import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { nearQuotes } from '@app/domain';
import {
  ActorKind,
  BUILTIN_GAZETTEER,
  Gazetteer,
  GazetteerEntry,
  gazetteerOf,
} from '@app/extraction';
import { quotedStatementsNear, registeredActors } from '@app/projections';
import { Affiliations } from './affiliations';

/** What ingestion reads: the registry as the extractor's gazetteer, and statements to repeat. */
@Injectable()
export class IngestionReads {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(Affiliations) private readonly affiliations: Affiliations,
  ) {}

  /**
   * The actor registry (read model) over the built-in gazetteer: registry names and aliases
   * win, and so do its affiliations in force on `on` (the article's date; a person speaks for
   * what they belonged to then). The built-in list adds what the registry does not hold
   * (demonyms, aliases that count only in context, memberships of actors without
   * affiliations) and the common actors the registry lacks.
   */
  async gazetteer(on: string = new Date().toISOString().slice(0, 10)): Promise<Gazetteer> {
    const [actors, memberships] = await Promise.all([
      registeredActors(this.dataSource),
      this.affiliations.inForceOn(on),
    ]);
    const builtin = new Map(BUILTIN_GAZETTEER.map((e) => [e.id, e]));
    const entries: GazetteerEntry[] = actors.map((actor) => {
      const known = builtin.get(actor.actorId);
      builtin.delete(actor.actorId);
      return {
        ...known,
        id: actor.actorId,
        name: actor.name,
        kind: actor.kind as ActorKind,
        aliases: [...new Set([...(known?.aliases ?? []), ...actor.aliases])],
        memberOf: memberships.get(actor.actorId) ?? known?.memberOf,
      };
    });
    return gazetteerOf([...entries, ...builtin.values()]);
  }

  /**
   * A current statement by the same speaker or principal with the same or a near-identical
   * quote, said within a week of `saidOn` (or either date unknown), not already citing the
   * source: the candidate is a new mention of it.
   */
  async matchingStatement(
    manager: EntityManager,
    wanted: {
      speakerId: string;
      principalId: string | null;
      quote: string | null;
      saidOn: string | null;
      sourceId: string;
    },
  ): Promise<string | null> {
    if (!wanted.quote) return null;
    const near = await quotedStatementsNear(manager, wanted);
    return near.find((row) => nearQuotes(row.quote, wanted.quote!))?.statementId ?? null;
  }
}
