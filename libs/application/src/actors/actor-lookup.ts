import { HttpException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { actorStreamId, invalid, plainText } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { ActorSearchQueries } from '@app/projections';

/** The actor a request meant, and how the name it used reached it. */
export interface ResolvedActor {
  actorId: string;
  via: 'id' | 'merge' | 'alias';
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * What a client calls an actor — its id, a merged duplicate's id, or one of its names or aliases
 * ("beijing", "the-kremlin", "Élysée") — resolved to the actor on record. 404 when nothing has
 * that name; 300 naming the candidates when several actors do.
 */
@Injectable()
export class ActorLookup {
  constructor(
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(ActorSearchQueries) private readonly search: ActorSearchQueries,
  ) {}

  async resolve(requested: unknown, field = 'actorId'): Promise<ResolvedActor> {
    if (typeof requested !== 'string' || requested.length === 0 || requested.length > 200)
      throw invalid(field, `${field} must be an actor id, name or alias (1–200 characters)`);
    // Names are one line: a tab or newline in a path id is a mangled request, not a name.
    if (/[\t\n\r]/.test(requested))
      throw invalid(field, `${field} must be one line (no tabs or line breaks)`);
    const name = plainText(requested, field);
    const onRecord = SLUG.test(name) && (await this.store.streamInfo(actorStreamId(name)));
    const found = await this.search.resolve(name);
    if (found.found === 'one' && (found.via !== 'alias' || !onRecord))
      return { actorId: found.actorId, via: found.via };
    // Registered but not yet in the read model: the id itself.
    if (onRecord) return { actorId: name, via: 'id' };
    if (found.found === 'many')
      throw new HttpException(
        {
          message: `"${name.slice(0, 100)}" names ${found.candidates.length} actors: use one of their ids`,
          field,
          candidates: found.candidates.map((c) => ({ ...c, href: `/actors/${c.actorId}` })),
        },
        300,
      );
    throw new NotFoundException(
      `actor ${name.slice(0, 100)} not found (no actor has this id, name or alias)`,
    );
  }
}
