/**
 * The alert rules: what the record, as known at a moment, flags about some actors (the
 * subjects). The alerts projection runs them for the actors each change touches and keeps the
 * result (rm_alerts), raising and clearing alerts as knowledge changes.
 * - stance-reversal: a principal's stance on a proposition differs from its previous one;
 * - self-contradiction: a speaker (speaking for someone else) contradicts its own earlier stance;
 * - out-of-character: a stance against the principal's established position (its two previous
 *   stances agree), or a hostile statement (Goldstein < 0) toward an actor it has an established
 *   friendly record with (≥ 2 earlier statements, mean Goldstein ≥ +1): possible misattribution;
 * - self-directed-hostility: an actor criticising, accusing or warning itself (speaker or
 *   principal among the targets) or a body it belongs to (an affiliation current on the date
 *   the statement counts from): a classic sign of misattribution.
 * Ids are hashes of the evidence: the same evidence always gives the same id (rebuilds keep
 * reviews).
 */
import { createHash } from 'node:crypto';
import type { StanceValue, StatementKind } from '@app/domain';
import type { Queryable } from '../shared/labels';
import { Params, standing, TimeFilter, visibleAt } from '../shared/time';
import type { DateBasis } from '../statements/dating';

export const ALERT_TYPES = [
  'stance-reversal',
  'self-contradiction',
  'out-of-character',
  'self-directed-hostility',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** Kinds that attack their targets: an actor aiming one at itself is flagged. */
export const HOSTILE_KINDS: readonly StatementKind[] = ['criticism', 'accusation', 'warning'];

/** An alert as the rules raise it. */
export interface RaisedAlert {
  alertId: string;
  type: AlertType;
  reason: string;
  /** The actor it is about (the principal, or the speaker for self-contradiction). */
  actorId: string;
  /** The date the raising statement counts from, and on what basis. */
  saidOn: string;
  dateBasis: DateBasis;
  /** Oldest first; the last one is the statement that raised the alert. */
  evidence: string[];
  details: Record<string, unknown>;
}

/** Stable id of an alert: the same evidence always gives the same id. */
export function alertId(type: string, reason: string, statementIds: string[]): string {
  return createHash('sha256')
    .update(`${type}|${reason}|${statementIds.join(',')}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Every alert the record known at `knownAt` (or now) raises about the subjects. With `since`
 * (an ISO date), only those raised by statements dated on or after it: an alert depends only on
 * its subject's statements up to the raising one (by date, then id), so a change dated D leaves
 * every alert raised before D as it was (the projection re-checks from the earliest date a batch
 * touched, not the whole history).
 */
export async function raisedAlerts(
  db: Queryable,
  subjects: string[],
  knownAt?: string,
  since?: string,
): Promise<RaisedAlert[]> {
  if (subjects.length === 0) return [];
  const time: TimeFilter = knownAt ? { knownAt } : {};
  return [
    ...(await stanceRows(db, subjects, time, since)).map(stanceAlert),
    ...(await allyRows(db, subjects, time, since)).map(allyAlert),
    ...(await selfHostilityRows(db, subjects, time, since)).map(selfHostilityAlert),
  ];
}

/**
 * The rows the rules read: visible at the time, and standing. With no time given, standing is
 * exactly status 'recorded' (a retraction always sets retracted_on); saying so lets the planner
 * use the stance chains' partial indexes.
 */
function inScope(alias: string, time: TimeFilter, p: Params): string {
  const scope = [visibleAt(alias, time, p), standing(alias, time, p)];
  if (!time.knownAt && !time.asOf) scope.push(`${alias}.status = 'recorded'`);
  return scope.join(' AND ');
}

/**
 * One level's stances with the `depth` stances before each in its chain (subject, proposition;
 * by date, then id). With `since`: the stances dated from then, plus the `depth` before them in
 * each chain (an index probe per chain) instead of the whole history.
 */
function chainWindow(
  p: Params,
  time: TimeFilter,
  level: { column: 'actor_id' | 'speaker_id'; where: string; depth: 1 | 2 },
  subjects: string,
  since: string | undefined,
): string {
  const { column, where, depth } = level;
  const scope = (alias: string) =>
    `${inScope(alias, time, p)}${where.replace(/x\./g, `${alias}.`)}`;
  const pick = (alias: string) =>
    `${alias}.${column} AS subject, ${alias}.proposition_id, ${alias}.stance, ${alias}.statement_id, ${alias}.dated_on, ${alias}.date_basis`;
  let rows = `SELECT ${pick('x')} FROM rm_stances x WHERE ${scope('x')} AND x.${column} = ANY(${subjects})`;
  if (since !== undefined) {
    const from = p.add(since);
    rows = `${rows} AND x.dated_on >= ${from}::date
      UNION ALL
      SELECT before.* FROM (
        SELECT DISTINCT x.${column} AS subject, x.proposition_id FROM rm_stances x
         WHERE ${scope('x')} AND x.${column} = ANY(${subjects}) AND x.dated_on >= ${from}::date
      ) c CROSS JOIN LATERAL (
        SELECT ${pick('y')} FROM rm_stances y
         WHERE ${scope('y')} AND y.${column} = c.subject AND y.proposition_id = c.proposition_id
           AND y.dated_on < ${from}::date
         ORDER BY y.dated_on DESC, y.statement_id DESC LIMIT ${depth}
      ) before`;
  }
  const lags = [1, 2]
    .filter((n) => n <= depth)
    .map(
      (n) =>
        `lag(x.stance, ${n}) OVER w AS prev${n}, lag(x.statement_id, ${n}) OVER w AS prev${n}_id`,
    );
  return `SELECT x.subject, x.proposition_id, x.stance, x.statement_id, x.dated_on, x.date_basis,
                 ${lags.join(', ')}
            FROM (${rows}) x
          WINDOW w AS (PARTITION BY x.subject, x.proposition_id ORDER BY x.dated_on, x.statement_id)`;
}

/** Stances that differ from the subject's previous one, by principal and by speaker. */
function stanceRows(
  db: Queryable,
  ids: string[],
  time: TimeFilter,
  since: string | undefined,
): Promise<StanceAlertRow[]> {
  const p = new Params();
  const subjects = p.add(ids);
  const byPrincipal = chainWindow(
    p,
    time,
    { column: 'actor_id', where: '', depth: 2 },
    subjects,
    since,
  );
  const bySpeaker = chainWindow(
    p,
    time,
    {
      column: 'speaker_id',
      where: ' AND x.principal_id IS NOT NULL AND x.principal_id <> x.speaker_id',
      depth: 1,
    },
    subjects,
    since,
  );
  const recent = since === undefined ? '' : `AND dated_on >= ${p.add(since)}::date`;
  return db.query(
    `WITH by_principal AS (${byPrincipal}), by_speaker AS (${bySpeaker})
     SELECT 'principal' AS level, subject, proposition_id, stance, statement_id, dated_on::text AS dated_on, date_basis,
            prev1, prev1_id, prev2, prev2_id FROM by_principal WHERE prev1 IS NOT NULL AND prev1 <> stance ${recent}
     UNION ALL
     SELECT 'speaker', subject, proposition_id, stance, statement_id, dated_on::text, date_basis, prev1, prev1_id, NULL, NULL
       FROM by_speaker WHERE prev1 IS NOT NULL AND prev1 <> stance ${recent}`,
    p.values,
  );
}

/**
 * Hostile statements toward an actor the subject has an established friendly record with. A
 * statement's record is the count and Goldstein sum of the subject's statements toward that
 * target on earlier dates: running sums over the statements from `since` on, on top of the
 * record before it (never a pass over the history per statement). Sums in numeric: a float sum
 * depends on the order rows come in, and so would the threshold and the figure (Kafka lanes and
 * a rebuild must agree).
 */
function allyRows(
  db: Queryable,
  ids: string[],
  time: TimeFilter,
  since: string | undefined,
): Promise<AllyAlertRow[]> {
  const q = new Params();
  const subjects = q.add(ids);
  const from = since === undefined ? `'-infinity'::date` : `${q.add(since)}::date`;
  // Each statement once per target (a target listed twice counts once), its actor's own excluded.
  const perTarget = (alias: string) =>
    `FROM rm_statements ${alias}
      CROSS JOIN LATERAL unnest(${alias}.target_ids) WITH ORDINALITY AS t(target_id, i)
     WHERE ${inScope(alias, time, q)} AND ${alias}.actor_id = ANY(${subjects})
       AND t.target_id <> ${alias}.actor_id AND array_position(${alias}.target_ids, t.target_id) = t.i`;
  // The record before `since`: as known now, whole months from the kept monthly sums and the
  // days of since's month from the statements; as known at a past time, from the statements
  // visible then.
  // Without `since` there is nothing before it (and the monthly table is not read: the
  // migration that first raised the alerts ran before it existed).
  const month = `date_trunc('month', ${from})::date`;
  const before = time.knownAt
    ? `SELECT h.actor_id, t.target_id, 1 AS n, h.goldstein::numeric AS total
         ${perTarget('h')} AND h.dated_on < ${from}`
    : since === undefined
      ? `SELECT NULL::text AS actor_id, NULL::text AS target_id, 0 AS n, 0::numeric AS total WHERE false`
      : `SELECT m.actor_id, m.target_id, m.statements AS n, m.goldstein_sum AS total
         FROM rm_actor_target_months m WHERE m.actor_id = ANY(${subjects}) AND m.month < ${month}
       UNION ALL
       SELECT h.actor_id, t.target_id, 1, h.goldstein::numeric
         ${perTarget('h')} AND h.dated_on >= ${month} AND h.dated_on < ${from}`;
  // The sums are computed once each, the friendly records kept apart first (MATERIALIZED): the
  // planner must not re-run them, or re-test thousands of records, per row of a join it
  // misjudged (fresh tables, old statistics).
  return db.query(
    `WITH recent AS (
       SELECT s.actor_id, t.target_id, s.statement_id, s.dated_on, s.date_basis, s.kind, s.goldstein
         ${perTarget('s')} AND s.dated_on >= ${from}
     ), earlier AS MATERIALIZED (
       SELECT actor_id, target_id, sum(n) AS n, sum(total) AS total FROM (${before}) b
        WHERE (actor_id, target_id) IN (SELECT actor_id, target_id FROM recent WHERE goldstein < 0)
        GROUP BY actor_id, target_id
     ), days AS MATERIALIZED (
       SELECT actor_id, target_id, dated_on, count(*) AS n, sum(goldstein::numeric) AS total
         FROM recent GROUP BY actor_id, target_id, dated_on
     ), friendly AS MATERIALIZED (
       SELECT * FROM (
         SELECT d.actor_id, d.target_id, d.dated_on,
                coalesce(e.n, 0) + sum(d.n) OVER w - d.n AS n,
                coalesce(e.total, 0) + sum(d.total) OVER w - d.total AS total
           FROM days d LEFT JOIN earlier e USING (actor_id, target_id)
         WINDOW w AS (PARTITION BY d.actor_id, d.target_id ORDER BY d.dated_on)
       ) record
        WHERE record.n >= 2 AND record.total >= record.n
     )
     SELECT s.actor_id AS subject, s.target_id, s.statement_id, s.dated_on::text AS dated_on,
            s.date_basis, s.kind, s.goldstein, r.n::int AS n, round(r.total / r.n, 2)::text AS mean,
            last3.ids
       FROM recent s
       JOIN friendly r USING (actor_id, target_id, dated_on)
       CROSS JOIN LATERAL (
         SELECT array_agg(h.statement_id::text ORDER BY h.dated_on DESC, h.statement_id DESC) AS ids
           FROM (SELECT h.statement_id, h.dated_on FROM rm_statements h
                  WHERE h.actor_id = s.actor_id AND s.target_id = ANY(h.target_ids)
                    AND h.dated_on < s.dated_on AND ${inScope('h', time, q)}
                  ORDER BY h.dated_on DESC, h.statement_id DESC LIMIT 3) h
       ) last3
      WHERE s.goldstein < 0`,
    q.values,
  );
}

/** Hostile statements aimed at the speaker or principal itself, or at a body it belongs to. */
function selfHostilityRows(
  db: Queryable,
  ids: string[],
  time: TimeFilter,
  since: string | undefined,
): Promise<SelfHostilityRow[]> {
  const q = new Params();
  const recent = since === undefined ? '' : `AND s.dated_on >= ${q.add(since)}::date`;
  const affiliations = time.knownAt
    ? `AND a.known_from <= ${q.add(time.knownAt)}::timestamptz`
    : '';
  return db.query(
    `SELECT s.actor_id AS subject, s.statement_id, s.dated_on::text AS dated_on, s.date_basis,
            s.kind, s.goldstein, s.speaker_id, s.principal_id,
            array_agg(t.target_id ORDER BY t.i) AS target_ids,
            bool_or(f.member_id IS NULL) AS itself,
            coalesce(jsonb_agg(jsonb_build_object('memberId', f.member_id, 'bodyId', t.target_id,
                                                  'role', f.role) ORDER BY t.i)
                       FILTER (WHERE f.member_id IS NOT NULL), '[]') AS memberships
       FROM rm_statements s
       CROSS JOIN LATERAL unnest(s.target_ids) WITH ORDINALITY AS t(target_id, i)
       LEFT JOIN LATERAL (
         SELECT a.actor_id AS member_id, a.role FROM rm_affiliations a
          WHERE a.actor_id IN (s.speaker_id, s.principal_id) AND a.organisation_id = t.target_id
            AND t.target_id NOT IN (s.speaker_id, coalesce(s.principal_id, s.speaker_id))
            AND (a.valid_from IS NULL OR a.valid_from <= s.dated_on)
            AND (a.valid_to IS NULL OR a.valid_to >= s.dated_on) ${affiliations}
          ORDER BY a.actor_id, a.affiliation_id LIMIT 1
       ) f ON true
      WHERE ${visibleAt('s', time, q)} AND ${standing('s', time, q)}
        AND s.kind = ANY(${q.add(HOSTILE_KINDS)}) AND s.actor_id = ANY(${q.add(ids)}) ${recent}
        AND (t.target_id IN (s.speaker_id, coalesce(s.principal_id, s.speaker_id))
             OR f.member_id IS NOT NULL)
      GROUP BY s.statement_id, s.actor_id, s.dated_on, s.date_basis, s.kind, s.goldstein,
               s.speaker_id, s.principal_id`,
    q.values,
  );
}

interface StanceAlertRow {
  level: 'principal' | 'speaker';
  subject: string;
  proposition_id: string;
  stance: StanceValue;
  statement_id: string;
  dated_on: string;
  date_basis: DateBasis;
  prev1: StanceValue | null;
  prev1_id: string | null;
  prev2: StanceValue | null;
  prev2_id: string | null;
}

interface AllyAlertRow {
  subject: string;
  target_id: string;
  statement_id: string;
  dated_on: string;
  date_basis: DateBasis;
  kind: StatementKind;
  goldstein: number;
  n: number;
  mean: string;
  ids: string[];
}

interface SelfHostilityRow {
  subject: string;
  statement_id: string;
  dated_on: string;
  date_basis: DateBasis;
  kind: StatementKind;
  goldstein: number;
  speaker_id: string;
  principal_id: string | null;
  target_ids: string[];
  itself: boolean;
  memberships: Array<{ memberId: string; bodyId: string; role: string }>;
}

/** A speaker contradicting itself, a principal against its established position, or a reversal. */
function stanceAlert(row: StanceAlertRow): RaisedAlert {
  const stances = { propositionId: row.proposition_id, stance: row.stance };
  if (row.level === 'speaker')
    return raised('self-contradiction', 'opposite-stance', row, [row.prev1_id!, row.statement_id], {
      ...stances,
      previousStance: row.prev1,
    });
  if (row.prev2 !== null && row.prev2 === row.prev1)
    return raised(
      'out-of-character',
      'contradicts-established-position',
      row,
      [row.prev2_id!, row.prev1_id!, row.statement_id],
      { ...stances, establishedStance: row.prev1 },
    );
  return raised('stance-reversal', 'stance-changed', row, [row.prev1_id!, row.statement_id], {
    ...stances,
    previousStance: row.prev1,
  });
}

function allyAlert(row: AllyAlertRow): RaisedAlert {
  return raised('out-of-character', 'attacks-ally', row, [...row.ids.reverse(), row.statement_id], {
    targetId: row.target_id,
    kind: row.kind,
    goldstein: row.goldstein,
    earlierStatements: row.n,
    earlierMeanGoldstein: Number(row.mean),
  });
}

function selfHostilityAlert(row: SelfHostilityRow): RaisedAlert {
  return raised(
    'self-directed-hostility',
    row.itself ? 'attacks-itself' : 'attacks-own-body',
    row,
    [row.statement_id],
    {
      kind: row.kind,
      goldstein: row.goldstein,
      speakerId: row.speaker_id,
      principalId: row.principal_id,
      targetIds: row.target_ids,
      memberships: row.memberships,
    },
  );
}

function raised(
  type: AlertType,
  reason: string,
  row: { subject: string; dated_on: string; date_basis: DateBasis },
  evidence: string[],
  details: Record<string, unknown>,
): RaisedAlert {
  return {
    alertId: alertId(type, reason, evidence),
    type,
    reason,
    actorId: row.subject,
    saidOn: row.dated_on,
    dateBasis: row.date_basis,
    evidence,
    details,
  };
}
