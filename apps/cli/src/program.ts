/**
 * The command tree and how it fails: every usage error is one line on stderr (with a suggestion
 * when a name is close to a known one) and a hint to --help, and ends in exit 2.
 */
import { Command } from 'commander';
import {
  addExtractCommand,
  addKeysCommand,
  addProjectionsCommand,
  addReplayCommand,
  addStoreCommands,
} from './commands';
import { addKafkaCommand } from './kafka.command';
import { addExportCommand } from './export.command';
import { addAuditCommand } from './audit.command';
import { EXIT } from './options';

const NAME = 'cli';

const ROOT_HELP = `
Exit codes:
  0  done; every check passed
  1  a check found a problem (verify: a broken chain or seal; keys revoke: no
     such active key; kafka replay --execute: the group has members), or the
     work failed (database unreachable, file unreadable, bad configuration)
  2  usage error: unknown command or option, bad option value, missing argument

Environment:
  DATABASE_URL      postgres://… to work on; unset: the embedded database under
                    DATA_DIR (stop the api first: it has one user at a time)
  DATA_DIR          where the embedded database lives (default .data)
  SEAL_INTERVAL_MS  verify: how old unsealed events may get (0: not checked)
  KAFKA_BROKERS     kafka: the brokers (host:port,…), as for the relay

Results go to stdout (text, or JSON with --json / JSON lines); progress and
messages go to stderr: a bar on a terminal, plain lines otherwise.

From the repository: npm run --silent cli -- <command> [options]
Examples:
  $ cli verify --json
  $ cli feed --after 1234:56 --limit 1000 > events.jsonl
  $ cli help projections rebuild`;

/** Commander quits by throwing (exitOverride); an action's exit code is kept in `outcome`. */
export function buildProgram(outcome: { code: number }): Command {
  const program = new Root(NAME)
    .usage('<command> [options]')
    .description(
      'statement-tracker from the command line: the event store and its integrity, audits and ' +
        'exports, the read models, API keys, Kafka consumer groups, and statement extraction.',
    )
    .exitOverride()
    .showSuggestionAfterError()
    // Commander puts "(Did you mean …?)" on a line of its own; keep the error on one line.
    .configureOutput({
      outputError: (text, write) => write(text.replace(/\n(?=\(Did you mean)/, ' ')),
    })
    // Our own help command below, which follows paths; subcommands copy this and the above.
    .helpCommand(false);
  const run = async (work: () => Promise<number> | number) => {
    outcome.code = await work();
  };
  addStoreCommands(program, run);
  addReplayCommand(program, run);
  addProjectionsCommand(program, run);
  addKeysCommand(program, run);
  addExtractCommand(program, run);
  addAuditCommand(program, run);
  addExportCommand(program, run);
  addKafkaCommand(program, run);
  addHelpCommand(program);
  program.addHelpText('after', ROOT_HELP);
  for (const command of allCommands(program)) {
    const path = commandPath(command);
    // A stray argument ("verify extra") is a usage error, not silently ignored.
    command.allowExcessArguments(false);
    command.showHelpAfterError(
      `Run "${path} --help" for ${command.commands.length ? 'the commands' : 'its options'}.`,
    );
  }
  return program;
}

/**
 * `help [command...]`, in place of commander's own: that one takes a single name and answers
 * an unknown one with the whole help; this one follows a path (help keys create) and answers a
 * typo like any unknown command, with a suggestion.
 */
function addHelpCommand(program: Command): void {
  program
    .command('help')
    .description('show the help of a command (cli help projections rebuild)')
    .argument('[command...]', 'the command, with its subcommand')
    .action((names: string[]) => {
      let target: Command = program;
      for (const name of names) {
        const next = target.commands.find((c) => c.name() === name);
        if (!next)
          target.error(
            `error: unknown command '${name}'${suggestion(
              name,
              target.commands.map((c) => c.name()),
            )}`,
            { exitCode: EXIT.usage, code: 'commander.unknownCommand' },
          );
        target = next;
      }
      target.help();
    });
}

/** The root command. */
class Root extends Command {
  /**
   * Commander suggests from the options of the command being parsed, and the root has none but
   * --help: "cli --jsn" or "cli --json verify" would get no hint. Options belong to commands, so
   * look among theirs and say where the option goes. (Overrides a commander internal; without it
   * the message only loses its hint.)
   */
  unknownOption(flag: string): void {
    const owners = new Map<string, string[]>();
    for (const command of allCommands(this))
      for (const option of command.options)
        if (option.long)
          owners.set(option.long, [
            ...(owners.get(option.long) ?? []),
            commandPath(command, false),
          ]);
    const close = suggestion(flag, [...owners.keys()]);
    const hint = owners.has(flag)
      ? ` (an option of ${owners.get(flag)!.join(', ')}: put it after the command)`
      : close && `${close}; options go after the command`;
    this.error(`error: unknown option '${flag}'${hint}`, {
      exitCode: EXIT.usage,
      code: 'commander.unknownOption',
    });
  }
}

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

function commandPath(command: Command, withRoot = true): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return (withRoot ? names : names.slice(1)).join(' ');
}

/** " (Did you mean x?)" for the closest candidate, as commander words it; "" for none. */
export function suggestion(word: string, candidates: string[]): string {
  let best: string[] = [];
  let bestDistance = 3;
  for (const candidate of new Set(candidates)) {
    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    if ((length - distance) / length <= 0.4) continue;
    if (distance < bestDistance) [best, bestDistance] = [[candidate], distance];
    else if (distance === bestDistance) best.push(candidate);
  }
  if (best.length === 0) return '';
  return best.length === 1
    ? ` (Did you mean ${best[0]}?)`
    : ` (Did you mean one of ${best.sort().join(', ')}?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}
