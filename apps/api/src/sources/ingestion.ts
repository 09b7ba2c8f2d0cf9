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
 * The actor registry (read model) over the built-in gazetteer: registry names and aliases win;
 * the built-in list adds what the registry does not hold yet (memberships, demonyms, aliases
 * that count only in context) and the common actors the registry lacks.
 */
export async function registryGazetteer(dataSource: DataSource): Promise<Gazetteer> {
  const rows: Array<{ actor_id: string; name: string; kind: string; aliases: string[] }> =
    await dataSource.query(
      `SELECT actor_id, name, kind, aliases FROM rm_actors WHERE merged_into IS NULL`,
    );
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
    };
  });
  return gazetteerOf([...entries, ...builtin.values()]);
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
