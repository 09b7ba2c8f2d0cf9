/**
 * The alert reviews read model: every version of an analyst's decision on an alert
 * (rm_alert_reviews), so alerts can be read with their state as known at any time.
 */
import type { AlertReviewEvent } from '@app/domain';
import { EventHandlers, ProjectionEvent, sequentialProjection, Sql } from '../projection';

/** An alert's state after a review: dismissed, or open again. */
export type AlertState = 'open' | 'dismissed';

const review =
  (state: AlertState) => async (sql: Sql, e: ProjectionEvent<AlertReviewEvent['type']>) => {
    const at = e.recordedAt.toISOString();
    await sql.query(
      `UPDATE rm_alert_reviews SET known_to = $2 WHERE alert_id = $1 AND known_to IS NULL`,
      [e.data.alertId, at],
    );
    await sql.query(
      `INSERT INTO rm_alert_reviews (alert_id, version, state, reason, reviewed_by, known_from)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      // Older events may lack reviewedBy.
      [e.data.alertId, e.streamPosition, state, e.data.reason, e.data.reviewedBy ?? null, at],
    );
  };

const ALERT_REVIEW_HANDLERS: EventHandlers<AlertReviewEvent['type']> = {
  AlertDismissed: review('dismissed'),
  AlertReopened: review('open'),
};

export const alertReviewsProjection = sequentialProjection(
  'alert-reviews',
  [{ table: 'rm_alert_reviews', key: 'alert_id, version' }],
  ALERT_REVIEW_HANDLERS,
);
