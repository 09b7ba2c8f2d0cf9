import { Command } from '@nestjs/cqrs';
import type { WriteContext } from '../../shared/write-context';

export interface AlertReview {
  alertId: string;
  state: 'dismissed' | 'open';
  reason: string;
  version: number;
}

/** An analyst dismisses an alert (kept on record with the reason) or reopens a dismissed one. */
export class ReviewAlertCommand extends Command<AlertReview> {
  constructor(
    readonly alertId: string,
    readonly action: 'DismissAlert' | 'ReopenAlert',
    readonly input: { reason?: unknown },
    readonly context: WriteContext,
  ) {
    super();
  }
}
