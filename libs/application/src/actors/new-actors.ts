import { EntityManager } from 'typeorm';
import { actorDecider, actorStreamId, fields, list } from '@app/domain';
import { CommandRunner } from '../command-runner';
import type { EventMetadata } from '@app/event-store';

/** The members of an actor to register (POST /actors, and each item of `newActors`). */
export const ACTOR_FIELDS = [
  'actorId',
  'name',
  'kind',
  'aliases',
  'wikidataId',
  'countryCode',
] as const;

/**
 * Registers the actors a request names in `newActors` (in the request's transaction) and
 * returns their ids, so that references to them pass.
 */
export async function registerNewActors(
  runner: CommandRunner,
  value: unknown,
  metadata: EventMetadata,
  manager: EntityManager,
): Promise<string[]> {
  const actors = list(value, 'newActors', 20, (entry, field) => fields(entry, field, ACTOR_FIELDS));
  const ids: string[] = [];
  for (const actor of actors) {
    const result = await runner.run({
      streamId: actorStreamId(String(actor.actorId)),
      decider: actorDecider,
      command: {
        type: 'RegisterActor',
        ...actor,
        actorId: actor.actorId,
        name: actor.name,
        kind: actor.kind,
      },
      metadata,
      manager,
    });
    ids.push(result.state.actorId!);
  }
  return ids;
}
