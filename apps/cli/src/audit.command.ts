/**
 * `cli audit changes` and `cli audit history`: what changed in the record between two times, and
 * one record's history, for a person or (--json, --format jsonl) a program. Declared here, the
 * work in audit.ts (loaded when it runs).
 */
import { Command, Option } from 'commander';
import type { Run } from './commands';
import { dateTime, EXIT, nonBlank } from './options';

const RECORD_KINDS = ['actor', 'source', 'statement', 'accusation', 'proposition'];

export function addAuditCommand(program: Command, run: Run): void {
  const audit = program
    .command('audit')
    .description('what changed in the record between two times; one record’s history')
    .addHelpText(
      'after',
      `
Examples:
  $ cli audit changes --from 2024-07-11T00:00:00Z --to 2024-07-12T00:00:00Z
  $ cli audit history 04eee09d-1c2b-4b8e-9a55-0d3f1f2a9c41`,
    );
  audit
    .command('changes')
    .description('every change recorded in [from, to): who, when, why; corrections before → after')
    .addOption(
      new Option('--from <time>', 'start of the window (ISO date-time with a zone)')
        .argParser(dateTime)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--to <time>', 'end of the window, exclusive (default now)').argParser(dateTime),
    )
    .addOption(new Option('--json', 'one JSON object {from, to, changes} on stdout'))
    .addOption(
      new Option('--format <format>', 'text (default) or jsonl: one change per line, streamed')
        .choices(['text', 'jsonl'])
        .default('text'),
    )
    .addOption(new Option('-q, --quiet', 'no progress on stderr (results and errors still)'))
    .addHelpText(
      'after',
      `
Recorded time is when the record learned something (not when it was said).
Lists statements recorded, corrected (with the values before and after),
retracted and withdrawn; accusations opened and answered; alerts raised and
cleared by the read models, dismissed and reopened by analysts; and every
other record event — each with who (the API key), when and why. Oldest first.

Examples:
  $ cli audit changes --from 2024-07-11T00:00:00Z --to 2024-07-12T00:00:00Z
  $ cli audit changes --from 2024-07-11T00:00:00+02:00 --format jsonl | jq -c 'select(.change == "statement.corrected")'`,
    )
    .action((flags, command: Command) => {
      if (flags.to && flags.to <= flags.from)
        command.error(`error: --to ${flags.to} must be after --from ${flags.from}`, {
          exitCode: EXIT.usage,
          code: 'commander.invalidArgument',
        });
      return run(async () => (await import('./audit')).auditChanges(flags));
    });
  audit
    .command('history')
    .description('one record’s history, oldest first, as GET /…/{id}/events tells it')
    .argument('<recordId>', 'the id of an actor, source, statement, accusation or proposition')
    .addOption(
      new Option(
        '--kind <kind>',
        'only the record of this kind (a statement and its accusation share an id)',
      ).choices(RECORD_KINDS),
    )
    .addOption(new Option('--json', 'one JSON object {id, changes} on stdout'))
    .addHelpText(
      'after',
      `
Exit 1 when no record has that id.

Examples:
  $ cli audit history russia
  $ cli audit history 04eee09d-1c2b-4b8e-9a55-0d3f1f2a9c41 --kind statement --json`,
    )
    .action((recordId: string, flags) =>
      run(async () => (await import('./audit')).auditHistory(nonBlank(recordId), flags)),
    );
}
