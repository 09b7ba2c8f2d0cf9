/**
 * `cli export`: the statements as known at an instant, for auditors and other tools. Declared
 * here, its work in export.ts (loaded when it runs, so help and usage errors load nothing heavy).
 */
import { Command, Option } from 'commander';
import { EXPORT_FORMATS } from '@app/application/export/export-formats';
import type { Run } from './commands';
import { calendarDate, dateTime, EXIT, nonBlank } from './options';

export function addExportCommand(program: Command, run: Run): void {
  program
    .command('export')
    .description(
      'export the statements as known at an instant: JSON lines, GDELT-style CSV or PLOVER',
    )
    .addOption(
      new Option(
        '--format <format>',
        'jsonl: one statement per line; csv: GDELT 2.0 event columns, then ours; plover: PLOVER records',
      )
        .choices(EXPORT_FORMATS)
        .default('jsonl'),
    )
    .addOption(
      new Option(
        '--known-at <time>',
        'the record as it stood then: ISO date-time with a zone (default now)',
      ).argParser(dateTime),
    )
    .addOption(
      new Option('--as-of <date>', 'only statements dated on or before it').argParser(calendarDate),
    )
    .addOption(
      new Option('--from <date>', 'only statements dated on or after it').argParser(calendarDate),
    )
    .addOption(
      new Option('--to <date>', 'only statements dated on or before it').argParser(calendarDate),
    )
    .addOption(
      new Option('--out <file>', 'write to this file (default: stdout)').argParser(nonBlank),
    )
    .addOption(new Option('-q, --quiet', 'no progress on stderr (results and errors still)'))
    .addHelpText(
      'after',
      `
Every statement as the record stood at --known-at (a correction made later is
unseen, a statement recorded later is absent, a retracted or withdrawn one has
its status), dated by the date it counts from (said, else reported, else
recorded). Each row carries the id and hash of the event that made its version
(compare with "cli verify"). Read and written 1,000 statements at a time; the
instant exported goes to stderr, to repeat the same export later.

Examples:
  $ cli export --format csv --out statements.csv
  $ cli export --format jsonl --known-at 2024-07-12T00:00:00Z --as-of 2024-07-11
  $ cli export --format plover --from 2024-07-01 --to 2024-07-31 -q > july.jsonl`,
    )
    .action((flags, command: Command) => {
      if (flags.from && flags.to && flags.from > flags.to)
        command.error(`error: --from ${flags.from} is after --to ${flags.to}`, {
          exitCode: EXIT.usage,
          code: 'commander.invalidArgument',
        });
      return run(async () => (await import('./export')).exportStatements(flags));
    });
}
