/** The actor registry as ingestion reads it: the names and aliases the extractor looks for. */
import type { Queryable } from '../shared/labels';

export interface RegisteredActor {
  actorId: string;
  name: string;
  kind: string;
  aliases: string[];
}

/** Every actor on record that was not merged into another. */
export async function registeredActors(db: Queryable): Promise<RegisteredActor[]> {
  const rows: Array<{ actor_id: string; name: string; kind: string; aliases: string[] }> =
    await db.query(`SELECT actor_id, name, kind, aliases FROM rm_actors WHERE merged_into IS NULL`);
  return rows.map((row) => ({
    actorId: row.actor_id,
    name: row.name,
    kind: row.kind,
    aliases: row.aliases,
  }));
}
