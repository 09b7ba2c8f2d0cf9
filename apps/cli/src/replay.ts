/**
 * `cli replay`: rebuild the read models without downtime (shadow tables, checked, swapped in).
 * Progress on stderr per phase (a bar on a terminal, lines otherwise, JSON lines with --json);
 * the outcome on stdout.
 */
import { Database } from '@app/database';
import { createEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  Replay,
  ReplayBusy,
  type ReplayPhase,
  type ReplayPlan,
} from '@app/projections';
import { EXIT } from './options';
import { Progress, startProgress } from './progress';

export interface ReplayFlags {
  projection?: string;
  dryRun?: boolean;
  batchSize?: number;
  json?: boolean;
  quiet?: boolean;
}

const LABELS: Record<ReplayPhase, { label: string; unit?: string }> = {
  replay: { label: 'replaying', unit: 'events' },
  index: { label: 'indexing' },
  check: { label: 'checking' },
  swap: { label: 'swapping in' },
};

export async function replayCommand(database: Database, flags: ReplayFlags): Promise<number> {
  const selected = flags.projection
    ? ALL_PROJECTIONS.filter((p) => p.name === flags.projection)
    : ALL_PROJECTIONS;
  const out = (body: object, text: string) =>
    process.stdout.write(flags.json ? `${JSON.stringify(body)}\n` : `${text}\n`);
  let current: { phase: ReplayPhase; progress: Progress } | undefined;
  const replay = new Replay(database.dataSource, createEventStore(database), selected, {
    batchSize: flags.batchSize,
    singleSession: database.mode === 'embedded',
    onProgress: ({ phase, done, total }) => {
      if (current?.phase !== phase) {
        current?.progress.finish();
        const { label, unit } = LABELS[phase];
        current = {
          phase,
          progress: startProgress({
            label,
            unit,
            total: unit ? total : undefined,
            quiet: flags.quiet,
            json: flags.json,
          }),
        };
      }
      current.progress.update(done);
    },
  });
  if (flags.dryRun) {
    const plan = await replay.plan();
    out({ dryRun: true, ...plan }, describePlan(plan));
    return EXIT.ok;
  }
  try {
    const result = await replay.run();
    current?.progress.finish();
    const differing = Object.entries(result.sameAsLive)
      .filter(([, same]) => !same)
      .map(([table]) => table);
    out(
      result,
      [
        `replayed ${result.projections.join(', ')} from ${result.events} events in ${result.seconds.toFixed(1)}s` +
          `${result.resumed ? ' (resumed an interrupted replay)' : ''}; swapped in at ${result.checkpoint ?? 'the origin'}` +
          `${result.swapAttempts > 1 ? ` after ${result.swapAttempts} tries` : ''}`,
        differing.length === 0
          ? 'every table equals what the live read models held'
          : `differs from what the live read models held: ${differing.join(', ')} (the replayed rows are live now)`,
        ...(result.deadLetters
          ? [`${result.deadLetters} dead letters (cli projections status)`]
          : []),
      ].join('\n'),
    );
    return EXIT.ok;
  } catch (error) {
    current?.progress.abort();
    if (error instanceof ReplayBusy) {
      process.stderr.write(`replay: ${error.message}\n`);
      return EXIT.problem;
    }
    throw error;
  }
}

function describePlan(plan: ReplayPlan): string {
  const minutes = plan.estimatedSeconds / 60;
  const time =
    plan.estimatedSeconds < 90 ? `${plan.estimatedSeconds}s` : `${minutes.toFixed(1)} min`;
  return [
    `would replay ${plan.projections.join(', ')} (${plan.tables.length} tables)`,
    plan.resumes
      ? `resuming the replay started ${plan.resumes.startedAt} at ${plan.resumes.checkpoint ?? 'the origin'}: ${plan.remaining} of ${plan.events} events to go`
      : `from the store feed: ${plan.events} events`,
    ...(plan.discards
      ? [
          `dropping the unfinished replay of ${plan.discards.projections.join(', ')} started ${plan.discards.startedAt} (another build, or nothing committed to resume)`,
        ]
      : []),
    `estimated time: ${time} (${plan.estimateBasis})`,
    'dry run: nothing changed',
  ].join('\n');
}
