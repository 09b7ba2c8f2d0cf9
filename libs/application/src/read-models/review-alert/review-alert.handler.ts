import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { alertIdOf, alertReviewDecider, alertStreamId, text } from '@app/domain';
import { AlertQueries } from '@app/projections';
import { CommandRunner } from '../../command-runner';
import { AlertReview, ReviewAlertCommand } from './review-alert.command';

@CommandHandler(ReviewAlertCommand)
export class ReviewAlertHandler implements ICommandHandler<ReviewAlertCommand> {
  constructor(
    @Inject(AlertQueries) private readonly queries: AlertQueries,
    @Inject(CommandRunner) private readonly runner: CommandRunner,
  ) {}

  async execute({ alertId, action, input, context }: ReviewAlertCommand): Promise<AlertReview> {
    const id = alertIdOf(alertId);
    const reason = text(input.reason, 'reason', 1000);
    // Only an alert that stands now can be reviewed (a cleared one has nothing to decide).
    if (!(await this.queries.stands(id)))
      throw new NotFoundException(`alert ${id} not found among the current alerts`);
    const result = await this.runner.run({
      streamId: alertStreamId(id),
      decider: alertReviewDecider,
      command: { type: action, alertId: id, reason, reviewedBy: context.metadata.userId! },
      metadata: context.metadata,
    });
    return {
      alertId: id,
      state: result.state.dismissed ? 'dismissed' : 'open',
      reason,
      version: result.version,
    };
  }
}
