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

/** Every alert the record known at `knownAt` (or now) raises about the subjects. */
export async function raisedAlerts(
  db: Queryable,
  subjects: string[],
  knownAt?: string,
): Promise<RaisedAlert[]> {
  if (subjects.length === 0) return [];
  const time: TimeFilter = knownAt ? { knownAt } : {};
  return [
    ...(await stanceRows(db, subjects, time)).map(stanceAlert),
    ...(await allyRows(db, subjects, time)).map(allyAlert),
    ...(await selfHostilityRows(db, subjects, time)).map(selfHostilityAlert),
  ];
}

/** Stances that differ from the subject's previous one, by principal and by speaker. */
function stanceRows(db: Queryable, ids: string[], time: TimeFilter): Promise<StanceAlertRow[]> {
  const p = new Params();
  const subjects = p.add(ids);
  const scope = [visibleAt('x', time, p), standing('x', time, p)].join(' AND ');
  return db.query(
    `WITH by_principal AS (
       SELECT x.actor_id AS subject, x.proposition_id, x.stance, x.statement_id, x.dated_on, x.date_basis,
              lag(x.stance, 1) OVER w AS prev1, lag(x.statement_id, 1) OVER w AS prev1_id,
              lag(x.stance, 2) OVER w AS prev2, lag(x.statement_id, 2) OVER w AS prev2_id
         FROM rm_stances x WHERE ${scope} AND x.actor_id = ANY(${subjects})
       WINDOW w AS (PARTITION BY x.actor_id, x.proposition_id ORDER BY x.dated_on, x.statement_id)
     ), by_speaker AS (
       SELECT x.speaker_id AS subject, x.proposition_id, x.stance, x.statement_id, x.dated_on, x.date_basis,
              lag(x.stance, 1) OVER w AS prev1, lag(x.statement_id, 1) OVER w AS prev1_id
         FROM rm_stances x
        WHERE ${scope} AND x.principal_id IS NOT NULL AND x.principal_id <> x.speaker_id
              AND x.speaker_id = ANY(${subjects})
       WINDOW w AS (PARTITION BY x.speaker_id, x.proposition_id ORDER BY x.dated_on, x.statement_id)
     )
     SELECT 'principal' AS level, subject, proposition_id, stance, statement_id, dated_on::text AS dated_on, date_basis,
            prev1, prev1_id, prev2, prev2_id FROM by_principal WHERE prev1 IS NOT NULL AND prev1 <> stance
     UNION ALL
     SELECT 'speaker', subject, proposition_id, stance, statement_id, dated_on::text, date_basis, prev1, prev1_id, NULL, NULL
       FROM by_speaker WHERE prev1 IS NOT NULL AND prev1 <> stance`,
    p.values,
  );
}

/** Hostile statements toward an actor the subject has an established friendly record with. */
function allyRows(db: Queryable, ids: string[], time: TimeFilter): Promise<AllyAlertRow[]> {
  const q = new Params();
  return db.query(
    `SELECT s.actor_id AS subject, t.target_id, s.statement_id,
            s.dated_on::text AS dated_on, s.date_basis, s.kind, s.goldstein, history.n,
            round(history.mean, 2)::text AS mean, history.ids
       FROM rm_statements s
       CROSS JOIN LATERAL unnest(s.target_ids) AS t(target_id)
       CROSS JOIN LATERAL (
         -- In numeric: a float sum depends on the order rows come in, and so would the
         -- threshold and the figure (Kafka lanes and a rebuild must agree).
         SELECT count(*)::int AS n, avg(h.goldstein::numeric) AS mean,
                (array_agg(h.statement_id::text ORDER BY h.dated_on DESC, h.statement_id DESC))[1:3] AS ids
           FROM rm_statements h
          WHERE h.actor_id = s.actor_id AND t.target_id = ANY(h.target_ids)
            AND h.dated_on < s.dated_on AND ${visibleAt('h', time, q)} AND ${standing('h', time, q)}
       ) history
      WHERE ${visibleAt('s', time, q)} AND ${standing('s', time, q)} AND s.goldstein < 0
        AND t.target_id <> s.actor_id AND s.actor_id = ANY(${q.add(ids)})
        AND history.n >= 2 AND history.mean >= 1`,
    q.values,
  );
}

/** Hostile statements aimed at the speaker or principal itself, or at a body it belongs to. */
function selfHostilityRows(
  db: Queryable,
  ids: string[],
  time: TimeFilter,
): Promise<SelfHostilityRow[]> {
  const q = new Params();
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
        AND s.kind = ANY(${q.add(HOSTILE_KINDS)}) AND s.actor_id = ANY(${q.add(ids)})
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
