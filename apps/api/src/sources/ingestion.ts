/**
 * What ingestion reads from the database: the registry as the extractor's gazetteer, and the
 * statement on record that an accepted candidate repeats, if any.
 */
import { DataSource, EntityManager } from 'typeorm';
import {
  ActorKind,
  BUILTIN_GAZETTEER,
  Gazetteer,
  GazetteerEntry,
  gazetteerOf,
} from '@app/extraction';

/**
 * The actor registry (read model) over the built-in gazetteer: registry names and aliases win,
 * and so do its affiliations in force on `on` (the article's date; a person speaks for what
 * they belonged to then). The built-in list adds what the registry does not hold (demonyms,
 * aliases that count only in context, memberships of actors without affiliations) and the
 * common actors the registry lacks.
 */
export async function registryGazetteer(
  dataSource: DataSource,
  on: string = new Date().toISOString().slice(0, 10),
): Promise<Gazetteer> {
  const rows: Array<{ actor_id: string; name: string; kind: string; aliases: string[] }> =
    await dataSource.query(
      `SELECT actor_id, name, kind, aliases FROM rm_actors WHERE merged_into IS NULL`,
    );
  const memberships = await affiliationsOn(dataSource, on);
  const builtin = new Map(BUILTIN_GAZETTEER.map((e) => [e.id, e]));
  const entries: GazetteerEntry[] = rows.map((row) => {
    const known = builtin.get(row.actor_id);
    builtin.delete(row.actor_id);
    return {
      ...known,
      id: row.actor_id,
      name: row.name,
      kind: row.kind as ActorKind,
      aliases: [...new Set([...(known?.aliases ?? []), ...row.aliases])],
      memberOf: memberships.get(row.actor_id) ?? known?.memberOf,
    };
  });
  return gazetteerOf([...entries, ...builtin.values()]);
}

/** Actor → the organisations of its affiliations in force on a date, latest first. */
async function affiliationsOn(dataSource: DataSource, on: string): Promise<Map<string, string[]>> {
  // Folded from their events (a partial index holds just these, in feed order).
  const events: Array<{ type: string; data: Record<string, string | null> }> =
    await dataSource.query(
      `SELECT type, data FROM events
        WHERE type IN ('ActorAffiliationAdded', 'ActorAffiliationEnded')
        ORDER BY transaction_id, global_position`,
    );
  const affiliations = new Map<
    string,
    { actorId: string; organisationId: string; from: string | null; to: string | null }
  >();
  for (const { type, data } of events) {
    const key = `${data.actorId}|${data.affiliationId}`;
    if (type === 'ActorAffiliationAdded')
      affiliations.set(key, {
        actorId: data.actorId!,
        organisationId: data.organisationId!,
        from: data.from ?? null,
        to: data.to ?? null,
      });
    else {
      const known = affiliations.get(key);
      if (known) known.to = data.to ?? null;
    }
  }
  const byActor = new Map<string, Array<{ organisationId: string; from: string }>>();
  for (const a of affiliations.values()) {
    if ((a.from !== null && a.from > on) || (a.to !== null && a.to <= on)) continue;
    byActor.set(a.actorId, [
      ...(byActor.get(a.actorId) ?? []),
      { organisationId: a.organisationId, from: a.from ?? '' },
    ]);
  }
  return new Map(
    [...byActor].map(([actor, list]) => [
      actor,
      list.sort((x, y) => (x.from < y.from ? 1 : -1)).map((x) => x.organisationId),
    ]),
  );
}

/** Lower case, letters and digits only: quotes compared as words, not typography. */
export function quoteKey(quote: string): string {
  return quote
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Same words, or one quote holding the other with at most a tenth more. */
export function nearQuotes(a: string, b: string): boolean {
  const x = quoteKey(a);
  const y = quoteKey(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= 0.9 * long.length;
}

/**
 * A current statement by the same speaker or principal with the same or a near-identical
 * quote, said within a week of `saidOn` (or either date unknown), not already citing the
 * source: the candidate is a new mention of it.
 */
export async function matchingStatement(
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
  const rows: Array<{ statement_id: string; quote: string }> = await manager.query(
    `SELECT statement_id, quote FROM rm_statements
      WHERE known_to IS NULL AND status = 'recorded' AND quote IS NOT NULL
        AND (speaker_id = $1 OR ($2::text IS NOT NULL AND principal_id = $2))
        AND NOT ($4 = ANY(source_ids))
        AND ($3::date IS NULL OR said_on IS NULL OR abs(said_on - $3::date) <= 7)
      ORDER BY said_on DESC NULLS LAST LIMIT 200`,
    [wanted.speakerId, wanted.principalId, wanted.saidOn, wanted.sourceId],
  );
  return rows.find((row) => nearQuotes(row.quote, wanted.quote!))?.statement_id ?? null;
}
