/**
 * Alert review: an analyst's decision on an alert the read models raised (a stance reversal, a
 * self-contradiction, an out-of-character statement). Alerts are derived, not stored; their ids
 * are stable hashes of their evidence, so a decision recorded here survives any rebuild.
 * Stream "alert-<alertId>". Acting on an alert (correcting the attribution) is a statement
 * correction; this records dismissals and their reversal.
 */
import { conflict, Decider, DomainEvent, invalid } from '../decider';
import { text } from '../shared/values';

export type AlertReviewEvent =
  | DomainEvent<'AlertDismissed', { alertId: string; reason: string; reviewedBy: string }>
  | DomainEvent<'AlertReopened', { alertId: string; reason: string; reviewedBy: string }>;

export type AlertReviewCommand =
  | { type: 'DismissAlert'; alertId: unknown; reason: unknown; reviewedBy: string }
  | { type: 'ReopenAlert'; alertId: unknown; reason: unknown; reviewedBy: string };

export interface AlertReviewState {
  alertId: string | null;
  dismissed: boolean;
}

export const alertStreamId = (alertId: string) => `alert-${alertId}`;

export function alertIdOf(value: unknown, field = 'alertId'): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{32}$/.test(value))
    throw invalid(field, `${field} must be an alert id (32 hex characters)`);
  return value;
}

export const alertReviewDecider: Decider<AlertReviewCommand, AlertReviewState, AlertReviewEvent> = {
  initialState: () => ({ alertId: null, dismissed: false }),
  decide(command, state) {
    const alertId = alertIdOf(command.alertId);
    const reason = text(command.reason, 'reason', 1000);
    if (command.type === 'DismissAlert') {
      if (state.dismissed)
        throw conflict('already-dismissed', `alert ${alertId} is already dismissed`);
      return [
        { type: 'AlertDismissed', data: { alertId, reason, reviewedBy: command.reviewedBy } },
      ];
    }
    if (!state.dismissed) throw conflict('not-dismissed', `alert ${alertId} is not dismissed`);
    return [{ type: 'AlertReopened', data: { alertId, reason, reviewedBy: command.reviewedBy } }];
  },
  evolve(state, event) {
    return { alertId: event.data.alertId, dismissed: event.type === 'AlertDismissed' };
  },
};
