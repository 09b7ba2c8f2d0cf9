/** What ingestion reads from the statements: those on record that a new candidate may repeat. */
import type { Queryable } from '../shared/labels';

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
        AND ($3::date IS NULL OR date_basis <> 'said' OR abs(dated_on - $3::date) <= 7)
      ORDER BY dated_on DESC LIMIT 200`,
    [wanted.speakerId, wanted.principalId, wanted.saidOn, wanted.sourceId],
  );
  return rows.map((row) => ({ statementId: row.statement_id, quote: row.quote }));
}
