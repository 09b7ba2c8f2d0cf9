/**
 * Alerts as the read model keeps them (rm_alerts), with the analysts' reviews: the ones standing
 * at the time asked about (`knownAt`, default now), or the ones cleared by then; filtered by any
 * actor involved, type, state and the date they count from; newest first, a page at a time.
 */
import type { DataSource } from 'typeorm';
import { decodeParts, isDate, isText } from '../shared/cursor';
import { pageOf } from '../shared/pages';
import { actorIds } from '../shared/labels';
import { Params, TimeFilter, visibleAt } from '../shared/time';
import type { DateBasis } from '../statements/dating';
import type { AlertState } from './alert-reviews.projection';
import { ALERT_TYPES, AlertType } from './alert-rules';

export { ALERT_TYPES, alertId, HOSTILE_KINDS, type AlertType } from './alert-rules';

/** Review states, and `cleared`: raised once, its evidence since corrected away. */
export const ALERT_STATES = ['open', 'dismissed', 'cleared'] as const;
export type AlertListState = (typeof ALERT_STATES)[number];

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
  /** Every actor involved: the subject, the evidence's speakers, principals and targets. */
  partyIds: string[];
  /** The date the raising statement counts from, and on what basis. */
  saidOn: string;
  dateBasis: DateBasis;
  /** Oldest first; the last one is the statement that raised the alert. */
  evidence: string[];
  details: Record<string, unknown>;
  state: AlertListState;
  /** When the record first showed it (this stretch), and when a change cleared it. */
  raisedAt: string;
  clearedAt: string | null;
  review?: AlertDecision;
  actions: Array<{ action: string; method: string; href: string; hint?: string }>;
}

export interface AlertFilter {
  actorId?: string;
  type?: AlertType;
  state?: AlertListState;
  /** Counting from on or after / on or before (ISO dates). */
  from?: string;
  to?: string;
  /** Default 100. */
  limit?: number;
  cursor?: string;
}

export class AlertQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of alerts, newest said first, with the exact total matching. */
  async alerts(filter: AlertFilter, time: TimeFilter) {
    const limit = filter.limit ?? 100;
    const p = new Params();
    const where: string[] = [];
    if (filter.actorId) {
      const ids = await actorIds(this.dataSource, filter.actorId);
      where.push(`a.party_ids && ${p.add(ids)}::text[]`);
    }
    if (filter.type) where.push(`a.type = ${p.add(filter.type)}`);
    if (filter.from) where.push(`a.dated_on >= ${p.add(filter.from)}::date`);
    if (filter.to) where.push(`a.dated_on <= ${p.add(filter.to)}::date`);
    if (time.asOf) where.push(`a.dated_on <= ${p.add(time.asOf)}::date`);
    const rows = this.rowsAt(filter.state === 'cleared', time, p);
    const review = `(SELECT json_build_object('state', r.state, 'reason', r.reason,
                            'reviewedBy', r.reviewed_by, 'at', r.known_from)
                       FROM rm_alert_reviews r
                      WHERE r.alert_id = a.alert_id AND ${visibleAt('r', time, p)})`;
    const matching = `SELECT a.*, ${review} AS review FROM ${rows} a
                       WHERE ${where.length > 0 ? where.join(' AND ') : 'true'}`;
    const state =
      filter.state === 'open' || filter.state === 'dismissed'
        ? `coalesce(m.review->>'state', 'open') = ${p.add(filter.state)}`
        : 'true';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM (${matching}) m WHERE ${state}`,
      p.values,
    );
    const page = [state];
    if (filter.cursor) {
      const [on, id] = decodeParts(filter.cursor, [isDate, isText]);
      page.push(
        `(m.dated_on < ${p.add(on)}::date OR (m.dated_on = ${p.add(on)}::date AND m.alert_id > ${p.add(id)}))`,
      );
    }
    // As known at a moment, an alert cleared later was still standing: its end is not shown.
    const by = time.knownAt ? `${p.add(time.knownAt)}::timestamptz` : 'now()';
    const found: AlertRow[] = await this.dataSource.query(
      `SELECT m.alert_id, m.type, m.reason, m.actor_id, m.party_ids, m.dated_on::text AS dated_on,
              m.date_basis, m.evidence, m.details, m.known_from, m.review,
              CASE WHEN m.known_to <= ${by} THEN m.known_to END AS known_to,
              m.known_to IS NULL AS stands_now
         FROM (${matching}) m WHERE ${page.join(' AND ')}
        ORDER BY m.dated_on DESC, m.alert_id LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const { items, nextCursor } = pageOf(found, limit, toAlert, (r) => [r.dated_on, r.alert_id]);
    return { total: total as number, alerts: items, nextCursor };
  }

  /** Whether the alert stands now (only a standing alert can be reviewed). */
  async stands(alertId: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `SELECT 1 FROM rm_alerts WHERE alert_id = $1 AND known_to IS NULL`,
      [alertId],
    );
    return rows.length > 0;
  }

  /** The rows standing at the time, or (cleared) each alert's last stretch ended by then. */
  private rowsAt(cleared: boolean, time: TimeFilter, p: Params): string {
    if (!cleared) return `(SELECT * FROM rm_alerts a WHERE ${visibleAt('a', time, p)})`;
    const by = time.knownAt ? `${p.add(time.knownAt)}::timestamptz` : 'now()';
    return `(SELECT DISTINCT ON (c.alert_id) c.* FROM rm_alerts c
              WHERE c.known_to IS NOT NULL AND c.known_to <= ${by}
                AND NOT EXISTS (SELECT 1 FROM rm_alerts o WHERE o.alert_id = c.alert_id
                                  AND o.known_from <= ${by} AND (o.known_to IS NULL OR o.known_to > ${by}))
              ORDER BY c.alert_id, c.known_from DESC)`;
  }
}

interface AlertRow {
  alert_id: string;
  type: AlertType;
  reason: string;
  actor_id: string;
  party_ids: string[];
  dated_on: string;
  date_basis: DateBasis;
  evidence: string[];
  details: Record<string, unknown>;
  known_from: Date;
  known_to: Date | null;
  /** Actions act on the present: only an alert standing now offers them. */
  stands_now: boolean;
  review: { state: AlertState; reason: string; reviewedBy: string | null; at: string } | null;
}

function toAlert(row: AlertRow): Alert {
  const flagged = row.evidence[row.evidence.length - 1];
  const review = row.review
    ? { ...row.review, at: new Date(row.review.at).toISOString() }
    : undefined;
  return {
    alertId: row.alert_id,
    type: row.type,
    reason: row.reason,
    actorId: row.actor_id,
    partyIds: row.party_ids,
    saidOn: row.dated_on,
    dateBasis: row.date_basis,
    evidence: row.evidence,
    details: row.details,
    state: row.known_to ? 'cleared' : (review?.state ?? 'open'),
    raisedAt: new Date(row.known_from).toISOString(),
    clearedAt: row.known_to ? new Date(row.known_to).toISOString() : null,
    ...(review ? { review } : {}),
    actions: !row.stands_now
      ? []
      : [
          review?.state === 'dismissed'
            ? { action: 'reopen', method: 'POST', href: `/alerts/${row.alert_id}/reopening` }
            : { action: 'dismiss', method: 'POST', href: `/alerts/${row.alert_id}/dismissal` },
          {
            action: 'correct-attribution',
            method: 'POST',
            href: `/statements/${flagged}/corrections`,
            hint: 'send {"changes":{"principalId":…}} (or speakerId, stances) with a reason',
          },
        ],
  };
}

/** Guard for callers holding a type name from outside. */
export const isAlertType = (value: string): value is AlertType =>
  (ALERT_TYPES as readonly string[]).includes(value);
