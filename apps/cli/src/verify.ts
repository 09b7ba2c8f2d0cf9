/** `cli verify`: recompute hash chains and seals; exit 1 when anything is broken. */
import type { QueryBus } from '@nestjs/cqrs';
import { VerifyIntegrityQuery } from '@app/application';
import { Breakage, VerifyReport } from '@app/event-store';
import { withProgress } from './progress';

/**
 * Checks with the configured sealing interval (SEAL_INTERVAL_MS): events recorded more than two
 * intervals before the newest one must be sealed; 0 (sealing off) skips that check.
 */
export async function verifyCommand(
  queries: QueryBus,
  options: { json: boolean; quiet?: boolean },
): Promise<number> {
  // The same use case as GET /audit/verify. The report is printed after the progress has
  // ended, so that they never share a line.
  const report = await withProgress(
    { label: 'verifying', unit: 'events', quiet: options.quiet },
    () => queries.execute(new VerifyIntegrityQuery()),
    (report) => report.eventsChecked,
  );
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatVerifyReport(report));
  return report.ok ? 0 : 1;
}

export function formatVerifyReport(report: VerifyReport): string {
  const coverage =
    report.sealIntervalMs === 0
      ? 'seal coverage not checked (sealing off)'
      : `${report.unsealedEvents} event(s) after the last seal`;
  const lines = [
    `checked ${report.eventsChecked} events, ${report.streamsChecked} streams, ${report.sealsChecked} seals; ${coverage}: ${report.ok ? 'OK' : 'BROKEN'}`,
    ...report.problems.map((problem) => `  ${formatBreakage(problem)}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatBreakage(problem: Breakage): string {
  switch (problem.kind) {
    case 'event':
    case 'unsealed':
      return `${problem.kind} ${problem.reason}: global position ${problem.globalPosition}, stream ${problem.streamId} version ${problem.streamPosition} (event ${problem.eventId}): ${problem.detail}`;
    case 'stream-head':
      return `stream-head ${problem.reason}: stream ${problem.streamId}: ${problem.detail}`;
    case 'seal':
      return `seal ${problem.reason}: seal ${problem.sealNumber}: ${problem.detail}`;
  }
}
