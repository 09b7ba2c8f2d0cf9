/**
 * Alerts derived from the record, with the analysts' reviews of them:
 * - stance-reversal: a principal's stance on a proposition differs from its previous one;
 * - self-contradiction: a speaker (speaking for someone else) contradicts its own earlier stance;
 * - out-of-character: a stance against the principal's established position (its two previous
 *   stances agree), or a hostile statement (Goldstein < 0) toward an actor it has an established
 *   friendly record with (≥ 2 earlier statements, mean Goldstein ≥ +1): possible misattribution.
 * Alerts are not stored: their ids are hashes of their evidence, so reviews survive rebuilds.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { StanceValue, StatementKind } from '@app/domain';
import { actorIds } from '../shared/labels';
import { Params, saidBy, standing, TimeFilter, visibleAt } from '../shared/time';
import type { DateBasis } from '../statements/dating';
import type { AlertState } from './alert-reviews.projection';

export const ALERT_TYPES = ['stance-reversal', 'self-contradiction', 'out-of-character'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** An analyst's latest decision on an alert, as known at the time asked about. */
export interface AlertDecision {
  state: AlertState;
  reason: string;
  reviewedBy: string | null;
  at: string;
}

export interface Alert {
  alertId: string;
  type: AlertType;
  reason: string;
  actorId: string;
  /** The date the raising statement counts from, and on what basis. */
  saidOn: string;
  dateBasis: DateBasis;
  /** Oldest first; the last one is the statement that raised the alert. */
  evidence: string[];
  details: Record<string, unknown>;
  state: AlertState;
  review?: AlertDecision;
  actions: Array<{ action: string; method: string; href: string; hint?: string }>;
}

/** Stable id of an alert: the same evidence always gives the same id (rebuilds keep reviews). */
export function alertId(type: string, reason: string, statementIds: string[]): string {
  return createHash('sha256')
    .update(`${type}|${reason}|${statementIds.join(',')}`)
    .digest('hex')
    .slice(0, 32);
}

export class AlertQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The alerts the record raises (of an actor, when given), newest said first. */
  async alerts(
    filter: { actorId?: string; type?: AlertType; state?: AlertState },
    time: TimeFilter,
  ): Promise<Alert[]> {
    const ids = filter.actorId ? await actorIds(this.dataSource, filter.actorId) : null;
    const alerts = [
      ...(await this.stanceRows(ids, time)).map(stanceAlert),
      ...(await this.allyRows(ids, time)).map(allyAlert),
    ];
    const reviews = await this.reviews(
      alerts.map((a) => a.alertId),
      time,
    );
    for (const alert of alerts) {
      const review = reviews.get(alert.alertId);
      if (review) {
        alert.state = review.state;
        alert.review = review;
      }
    }
    return alerts
      .filter(
        (a) =>
          (!filter.type || a.type === filter.type) && (!filter.state || a.state === filter.state),
      )
      .sort(
        (a, b) =>
          (b.saidOn ?? '').localeCompare(a.saidOn ?? '') || a.alertId.localeCompare(b.alertId),
      );
  }

  /** Stances that differ from the subject's previous one, by principal and by speaker. */
  private stanceRows(ids: string[] | null, time: TimeFilter): Promise<StanceAlertRow[]> {
    const p = new Params();
    const actorFilter = ids ? p.add(ids) : null;
    const stanceScope = [
      visibleAt('x', time, p),
      standing('x', time, p),
      'x.dated_on IS NOT NULL',
      saidBy('x', time, p),
    ].join(' AND ');
    return this.dataSource.query(
      `WITH by_principal AS (
         SELECT x.actor_id AS subject, x.proposition_id, x.stance, x.statement_id, x.dated_on, x.date_basis,
                lag(x.stance, 1) OVER w AS prev1, lag(x.statement_id, 1) OVER w AS prev1_id,
                lag(x.stance, 2) OVER w AS prev2, lag(x.statement_id, 2) OVER w AS prev2_id
           FROM rm_stances x WHERE ${stanceScope} ${actorFilter ? `AND x.actor_id = ANY(${actorFilter})` : ''}
         WINDOW w AS (PARTITION BY x.actor_id, x.proposition_id ORDER BY x.dated_on, x.statement_id)
       ), by_speaker AS (
         SELECT x.speaker_id AS subject, x.proposition_id, x.stance, x.statement_id, x.dated_on, x.date_basis,
                lag(x.stance, 1) OVER w AS prev1, lag(x.statement_id, 1) OVER w AS prev1_id
           FROM rm_stances x
          WHERE ${stanceScope} AND x.principal_id IS NOT NULL AND x.principal_id <> x.speaker_id
                ${actorFilter ? `AND x.speaker_id = ANY(${actorFilter})` : ''}
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
  private allyRows(ids: string[] | null, time: TimeFilter): Promise<AllyAlertRow[]> {
    const q = new Params();
    return this.dataSource.query(
      `SELECT coalesce(s.principal_id, s.speaker_id) AS subject, t.target_id, s.statement_id,
              s.dated_on::text AS dated_on, s.date_basis, s.kind, s.goldstein, history.n, history.mean, history.ids
         FROM rm_statements s
         CROSS JOIN LATERAL unnest(s.target_ids) AS t(target_id)
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n, avg(h.goldstein) AS mean,
                  (array_agg(h.statement_id::text ORDER BY h.dated_on DESC, h.statement_id DESC))[1:3] AS ids
             FROM rm_statements h
            WHERE h.actor_id = coalesce(s.principal_id, s.speaker_id) AND t.target_id = ANY(h.target_ids)
              AND h.dated_on < s.dated_on AND ${visibleAt('h', time, q)} AND ${standing('h', time, q)}
         ) history
        WHERE ${visibleAt('s', time, q)} AND ${standing('s', time, q)} AND s.goldstein < 0
          AND s.dated_on IS NOT NULL AND ${saidBy('s', time, q)}
          AND t.target_id <> coalesce(s.principal_id, s.speaker_id)
          ${ids ? `AND coalesce(s.principal_id, s.speaker_id) = ANY(${q.add(ids)})` : ''}
          AND history.n >= 2 AND history.mean >= 1`,
      q.values,
    );
  }

  private async reviews(ids: string[], time: TimeFilter): Promise<Map<string, AlertDecision>> {
    const result = new Map<string, AlertDecision>();
    if (ids.length === 0) return result;
    const p = new Params();
    const rows = await this.dataSource.query(
      `SELECT r.alert_id, r.state, r.reason, r.reviewed_by, r.known_from FROM rm_alert_reviews r
        WHERE r.alert_id = ANY(${p.add(ids)}) AND ${visibleAt('r', time, p)}`,
      p.values,
    );
    for (const row of rows)
      result.set(row.alert_id, {
        state: row.state,
        reason: row.reason,
        reviewedBy: row.reviewed_by,
        at: new Date(row.known_from).toISOString(),
      });
    return result;
  }
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

/** A speaker contradicting itself, a principal against its established position, or a reversal. */
function stanceAlert(row: StanceAlertRow): Alert {
  if (row.level === 'speaker')
    return makeAlert(
      'self-contradiction',
      'opposite-stance',
      row.subject,
      row.dated_on,
      row.date_basis,
      [row.prev1_id!, row.statement_id],
      { propositionId: row.proposition_id, stance: row.stance, previousStance: row.prev1 },
    );
  if (row.prev2 !== null && row.prev2 === row.prev1)
    return makeAlert(
      'out-of-character',
      'contradicts-established-position',
      row.subject,
      row.dated_on,
      row.date_basis,
      [row.prev2_id!, row.prev1_id!, row.statement_id],
      { propositionId: row.proposition_id, stance: row.stance, establishedStance: row.prev1 },
    );
  return makeAlert(
    'stance-reversal',
    'stance-changed',
    row.subject,
    row.dated_on,
    row.date_basis,
    [row.prev1_id!, row.statement_id],
    { propositionId: row.proposition_id, stance: row.stance, previousStance: row.prev1 },
  );
}

function allyAlert(row: AllyAlertRow): Alert {
  return makeAlert(
    'out-of-character',
    'attacks-ally',
    row.subject,
    row.dated_on,
    row.date_basis,
    [...row.ids.reverse(), row.statement_id],
    {
      targetId: row.target_id,
      kind: row.kind,
      goldstein: row.goldstein,
      earlierStatements: row.n,
      earlierMeanGoldstein: Math.round(Number(row.mean) * 100) / 100,
    },
  );
}

function makeAlert(
  type: AlertType,
  reason: string,
  actorId: string,
  saidOn: string,
  dateBasis: DateBasis,
  evidence: string[],
  details: Record<string, unknown>,
): Alert {
  const id = alertId(type, reason, evidence);
  const flagged = evidence[evidence.length - 1];
  return {
    alertId: id,
    type,
    reason,
    actorId,
    saidOn,
    dateBasis,
    evidence,
    details,
    state: 'open',
    actions: [
      { action: 'dismiss', method: 'POST', href: `/alerts/${id}/dismissal` },
      {
        action: 'correct-attribution',
        method: 'POST',
        href: `/statements/${flagged}/corrections`,
        hint: 'send {"changes":{"principalId":…}} (or speakerId, stances) with a reason',
      },
    ],
  };
}
