/**
 * Each actor's standing record toward each target, by month (rm_actor_target_months): how many
 * current versions that stand (status recorded: neither retracted nor withdrawn) the actor
 * (principal, else speaker) aimed at the target, and their exact Goldstein sum — each target
 * once per statement, the actor itself left out. Kept as sums of deltas as versions open and
 * close, like rm_actor_counts, so the sums do not depend on how Kafka lanes interleave; rows
 * that fall to zero are dropped. The attacked-ally alert rule reads an actor's record before a
 * date from it, a row per month, instead of from every statement (docs/adr/0014).
 */
import type { Sql } from '../projection';
import type { StatementVersion } from './statement-version';

type Recorded = Pick<
  StatementVersion,
  'speaker_id' | 'principal_id' | 'target_ids' | 'status' | 'dated_on' | 'goldstein'
>;

/** The (actor, target, month) cells one version counts in, with its Goldstein weight. */
function cells(version: Recorded): Array<[string, string, string, number]> {
  if (version.status !== 'recorded' || !version.dated_on) return [];
  const actor = version.principal_id ?? version.speaker_id;
  const month = `${version.dated_on.slice(0, 7)}-01`;
  return [...new Set(version.target_ids ?? [])]
    .filter((target) => target !== actor)
    .map((target) => [actor, target, month, version.goldstein]);
}

/** Versions that stopped being current count down, versions that became current count up. */
export async function recordTargets(
  sql: Sql,
  closed: Recorded[],
  opened: Recorded[],
): Promise<void> {
  const rows: Array<[string, string, string, number, number]> = [
    ...closed.flatMap((v) => cells(v).map(([a, t, m, g]) => [a, t, m, -1, g] as const)),
    ...opened.flatMap((v) => cells(v).map(([a, t, m, g]) => [a, t, m, 1, g] as const)),
  ].map((row) => [...row]);
  if (rows.length === 0) return;
  const column = (i: number) => rows.map((row) => row[i]);
  // Summed in SQL, in numeric (exact whatever the order; trim_scale, so 1.40 and 1.4 are one
  // value in checksums too); cells locked in key order, so lanes
  // working side by side take their turns instead of deadlocking.
  const [emptied] = await sql.query<{ actors: string[]; targets: string[]; months: string[] }>(
    `WITH moved AS (
       SELECT actor_id, target_id, month, sum(sign)::int AS statements,
              trim_scale(sum(sign * goldstein::numeric)) AS goldstein_sum
         FROM unnest($1::text[], $2::text[], $3::date[], $4::int[], $5::float8[])
              AS d(actor_id, target_id, month, sign, goldstein)
        GROUP BY actor_id, target_id, month
       HAVING sum(sign) <> 0 OR sum(sign * goldstein::numeric) <> 0
     ), kept AS (
       INSERT INTO rm_actor_target_months AS m (actor_id, target_id, month, statements, goldstein_sum)
       SELECT * FROM moved ORDER BY actor_id, target_id, month
       ON CONFLICT (actor_id, target_id, month) DO UPDATE
         SET statements = m.statements + EXCLUDED.statements,
             goldstein_sum = trim_scale(m.goldstein_sum + EXCLUDED.goldstein_sum)
       RETURNING m.actor_id, m.target_id, m.month, m.statements
     )
     SELECT array_agg(actor_id) AS actors, array_agg(target_id) AS targets,
            array_agg(month::text) AS months
       FROM kept WHERE statements = 0`,
    [column(0), column(1), column(2), column(3), column(4)],
  );
  // A statement cannot see its own writes: the cells that fell to zero go in a second one.
  if (emptied?.actors?.length)
    await sql.query(
      `DELETE FROM rm_actor_target_months m
        USING unnest($1::text[], $2::text[], $3::date[]) AS e(actor_id, target_id, month)
        WHERE (m.actor_id, m.target_id, m.month) = (e.actor_id, e.target_id, e.month)
          AND m.statements = 0`,
      [emptied.actors, emptied.targets, emptied.months],
    );
}
