import { Inject, Injectable } from '@nestjs/common';
import { ActorEvent, actorDecider, affiliationsOn, foldEvents } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';

const AFFILIATION_EVENTS = ['ActorAffiliationAdded', 'ActorAffiliationEnded'];

/**
 * Whom each actor belonged to on a date: its affiliation events folded by the actor's own
 * `evolve`, filtered by the domain's rule of what is in force (`affiliationsOn`).
 */
@Injectable()
export class Affiliations {
  constructor(@Inject(PostgresEventStore) private readonly store: PostgresEventStore) {}

  /** Actor → the organisations of its affiliations in force on `date`, latest start first. */
  async inForceOn(date: string): Promise<Map<string, string[]>> {
    const byStream = new Map<string, ActorEvent[]>();
    for (const event of await this.store.readByType(AFFILIATION_EVENTS)) {
      const events = byStream.get(event.streamId) ?? [];
      events.push({ type: event.type, data: event.data } as ActorEvent);
      byStream.set(event.streamId, events);
    }
    const result = new Map<string, string[]>();
    for (const events of byStream.values()) {
      const actorId = (events[0].data as { actorId: string }).actorId;
      const state = foldEvents(actorDecider, events);
      const organisations = affiliationsOn(state, date).map((a) => a.organisationId);
      if (organisations.length > 0) result.set(actorId, organisations);
    }
    return result;
  }
}
