/**
 * `cli kafka …`: the broker's consumer groups. Like commands.ts, the action loads its work on
 * demand (`import()`), so help and usage errors never load kafkajs.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Run } from './commands';
import { nonBlank } from './options';

const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;

export function addKafkaCommand(program: Command, run: Run): void {
  const kafka = program
    .command('kafka')
    .description("consumer groups on Kafka: move a group's offsets back to a point in time")
    .addHelpText(
      'after',
      examples(
        'cli kafka replay --group notifier --to-time 2025-05-01T09:00:00Z',
        'cli help kafka replay',
      ),
    );
  kafka
    .command('replay')
    .description(
      "move a consumer group's offsets to the first message at or after a time (preview unless --execute)",
    )
    .addOption(
      new Option('--group <id>', 'the consumer group').argParser(nonBlank).makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--to-time <time>',
        'ISO 8601: a date (midnight UTC) or a date-time with its offset',
      )
        .argParser(isoTime)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--topic <topic...>',
        'only these topics (default: those the group has committed offsets on; with none, every event topic)',
      ).argParser((topic: string, previous?: string[]) => [...(previous ?? []), nonBlank(topic)]),
    )
    .addOption(
      new Option(
        '--execute',
        'move the offsets (without it: show where they would go, change nothing)',
      ),
    )
    .addOption(
      new Option(
        '--json',
        'print {group, toTime, executed, partitions: [{topic, partition, current, target}]} on stdout',
      ),
    )
    .addHelpText(
      'after',
      `
Each partition goes to its first message at or after the time; a partition
whose messages are all older goes to its end. Output: "topic[partition]
current → target" (current "none": no committed offset), then a summary.
Stop the group's consumers before --execute: it refuses (exit 1) while the
group has members. Needs KAFKA_BROKERS. The projector's read models skip
events they hold; rebuild those with cli projections rebuild.
${examples(
  'cli kafka replay --group notifier --to-time 2025-05-01',
  'cli kafka replay --group notifier --to-time 2025-05-01T09:30:00+02:00 --execute',
  'cli kafka replay --group g --to-time 2025-05-01 --topic statement-tracker.alerts.v1 --json',
)}`,
    )
    .action((flags) => run(async () => (await import('./kafka-replay')).kafkaReplay(flags)));
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:?\d{2}))?$/;

/** `--to-time`: 2025-05-01 (midnight UTC), or a date-time with Z or ±hh:mm; a real calendar time. */
export function isoTime(value: string): Date {
  const invalid = () =>
    new InvalidArgumentError(
      'Expected an ISO 8601 date or date-time with offset, e.g. 2025-05-01 or 2025-05-01T09:30:00+02:00.',
    );
  const match = ISO_TIME.exec(value.trim());
  if (!match) throw invalid();
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const fields = [year, month, day, hour, minute, second].map(Number);
  const utc = new Date(
    Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]),
  );
  // Date.UTC rolls 2025-02-30 over to March; a real time reads back unchanged.
  const readBack = [
    utc.getUTCFullYear(),
    utc.getUTCMonth() + 1,
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  ];
  if (readBack.some((n, i) => n !== fields[i])) throw invalid();
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const [hours, minutes] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
    if (hours > 23 || minutes > 59) throw invalid();
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  return new Date(utc.getTime() + millis - offsetMinutes * 60_000);
}
