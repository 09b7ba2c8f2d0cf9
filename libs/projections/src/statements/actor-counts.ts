/**
 * Statements on record per actor and role (rm_actor_counts): speaker, principal, target —
 * current versions not withdrawn from the record. Kept as sums of deltas as versions open and
 * close, so the search can show every hit's counts without counting (and the sums do not
 * depend on how Kafka lanes interleave). Rows that fall to zero are dropped.
 */
import type { Sql } from '../projection';
import type { StatementVersion } from './statement-version';

type Counted = Pick<StatementVersion, 'speaker_id' | 'principal_id' | 'target_ids' | 'status'>;

/** What one version counts for: +1 per role it gives an actor (0 if withdrawn). */
function roles(version: Counted): Array<[string, string]> {
  if (version.status === 'withdrawn') return [];
  return [
    [version.speaker_id, 'speaker'],
    ...(version.principal_id ? [[version.principal_id, 'principal'] as [string, string]] : []),
    ...[...new Set(version.target_ids ?? [])].map((id) => [id, 'target'] as [string, string]),
  ];
}

/** Versions that stopped being current count down, versions that became current count up. */
export async function countVersions(sql: Sql, closed: Counted[], opened: Counted[]): Promise<void> {
  const delta = new Map<string, number>();
  const add = (version: Counted, by: number) => {
    for (const [actor, role] of roles(version)) {
      const key = `${actor}\u0000${role}`;
      delta.set(key, (delta.get(key) ?? 0) + by);
    }
  };
  for (const version of closed) add(version, -1);
  for (const version of opened) add(version, 1);
  const changes = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (changes.length === 0) return;
  const [actors, kinds, ns] = [
    changes.map(([key]) => key.split('\u0000')[0]),
    changes.map(([key]) => key.split('\u0000')[1]),
    changes.map(([, n]) => n),
  ];
  await sql.query(
    `INSERT INTO rm_actor_counts AS c (actor_id, role, statements)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
     ON CONFLICT (actor_id, role) DO UPDATE SET statements = c.statements + EXCLUDED.statements`,
    [actors, kinds, ns],
  );
  await sql.query(
    `DELETE FROM rm_actor_counts c USING unnest($1::text[], $2::text[]) AS d(actor_id, role)
      WHERE c.actor_id = d.actor_id AND c.role = d.role AND c.statements = 0`,
    [actors, kinds],
  );
}
