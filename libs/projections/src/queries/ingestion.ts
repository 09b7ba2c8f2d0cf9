/**
 * What ingestion reads from the read models: the actor registry (names and aliases the
 * extractor looks for) and the statements on record that an accepted candidate may repeat.
 */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

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

/**
 * Current statements with a quote by the same speaker or principal, said within a week of
 * `saidOn` (or either date unknown), not already citing the source, latest first (at most 200).
 */
export async function quotedStatementsNear(
  db: Queryable,
  wanted: {
    speakerId: string;
    principalId: string | null;
    saidOn: string | null;
    sourceId: string;
  },
): Promise<Array<{ statementId: string; quote: string }>> {
  const rows: Array<{ statement_id: string; quote: string }> = await db.query(
    `SELECT statement_id, quote FROM rm_statements
      WHERE known_to IS NULL AND status = 'recorded' AND quote IS NOT NULL
        AND (speaker_id = $1 OR ($2::text IS NOT NULL AND principal_id = $2))
        AND NOT ($4 = ANY(source_ids))
        AND ($3::date IS NULL OR said_on IS NULL OR abs(said_on - $3::date) <= 7)
      ORDER BY said_on DESC NULLS LAST LIMIT 200`,
    [wanted.speakerId, wanted.principalId, wanted.saidOn, wanted.sourceId],
  );
  return rows.map((row) => ({ statementId: row.statement_id, quote: row.quote }));
}
