/**
 * Every command, its options, help and examples. Actions load their modules on demand
 * (`import()`), so that help and usage errors never load TypeORM, Nest, kafkajs or wink-nlp.
 */
import { Command, Option } from 'commander';
import { ROLES } from '@app/access/roles';
import { checkpoint, nonBlank, positiveInteger } from './options';

/** Runs an action's work and records its exit code. */
export type Run = (work: () => Promise<number> | number) => Promise<void>;

const json = (what: string) =>
  new Option('--json', `print ${what} as one JSON object on stdout instead of text`);
const quiet = () => new Option('-q, --quiet', 'no progress on stderr (results and errors still)');
const projection = () =>
  new Option(
    '--projection <name>',
    'only this read model (default: all of them; an unknown name lists them)',
  );
const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;

export function addStoreCommands(program: Command, run: Run): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .addOption(json('where the database is'))
    .addHelpText('after', examples('cli migrate', 'DATABASE_URL=postgres://… cli migrate --json'))
    .action((flags) => run(async () => (await import('./run')).migrate(flags)));

  program
    .command('verify')
    .description('recompute every hash chain and seal; exit 1 naming the first broken record')
    .addOption(json('the report (ok, counts, problems, firstBroken)'))
    .addOption(quiet())
    .addHelpText(
      'after',
      `
Events recorded more than two SEAL_INTERVAL_MS before the newest must be sealed
(SEAL_INTERVAL_MS=0 skips that check). Exit 0: intact; 1: something is broken.
${examples('cli verify', 'cli verify --json | jq .firstBroken')}`,
    )
    .action((flags) => run(async () => (await import('./run')).verify(flags)));

  program
    .command('seal')
    .description('seal every visible event not sealed yet into the global hash chain')
    .addOption(json('the new seals'))
    .addOption(quiet())
    .addHelpText(
      'after',
      `
Publish the head seal hash somewhere outside the database: tampering with
sealed events then shows against it.
${examples('cli seal', 'cli seal --json | jq -r ".seals[-1].sealHash"')}`,
    )
    .action((flags) => run(async () => (await import('./run')).seal(flags)));

  program
    .command('feed')
    .description('print the global feed (every event, in commit order) as JSON lines')
    .addOption(
      new Option(
        '--after <tx:gp>',
        'start after this checkpoint (default: the beginning)',
      ).argParser(checkpoint),
    )
    .addOption(
      new Option('--limit <n>', 'print at most n events (default: all)').argParser(positiveInteger),
    )
    .addOption(
      new Option('--format <format>', 'output format: one JSON event per line')
        .choices(['jsonl'])
        .default('jsonl'),
    )
    .addOption(quiet())
    .addHelpText(
      'after',
      `
Events go to stdout; progress, and the checkpoint to resume from
("next --after T:G"), go to stderr.
${examples('cli feed > events.jsonl', 'cli feed --after 1234:56 --limit 1000 2> resume.txt')}`,
    )
    .action((flags) => run(async () => (await import('./run')).feed(flags)));

  program
    .command('seed')
    .description('load the sample story (once; skipped when it is present)')
    .addOption(json('the counts written'))
    .addOption(quiet())
    .addHelpText('after', examples('cli seed', 'cli seed --json'))
    .action((flags) => run(async () => (await import('./run')).seed(flags)));
}

export function addProjectionsCommand(program: Command, run: Run): void {
  const projections = program
    .command('projections')
    .description('rebuild the read models, or show their state')
    .addHelpText(
      'after',
      examples(
        'cli projections rebuild',
        'cli projections status --json',
        'cli help projections rebuild',
      ),
    );
  projections
    .command('rebuild')
    .description('empty the read models (all, or one) and rebuild them from the store feed')
    .addOption(projection())
    .addOption(json('what was rebuilt, the event count and per-table checksums'))
    .addOption(quiet())
    .addHelpText(
      'after',
      `
Stop projectors first (on a server, live ones pause while the rebuild holds
their locks). Progress goes to stderr: a bar on a terminal, lines otherwise.
${examples('cli projections rebuild', 'cli projections rebuild --projection relations --json')}`,
    )
    .action((flags, command: Command) =>
      run(async () => (await import('./run')).projections('rebuild', flags, command)),
    );
  projections
    .command('status')
    .description("each read model's checkpoint and lag, the Kafka projector's lanes, dead letters")
    .addOption(projection())
    .addOption(json('the status'))
    .addHelpText('after', examples('cli projections status', 'cli projections status --json'))
    .action((flags, command: Command) =>
      run(async () => (await import('./run')).projections('status', flags, command)),
    );
  projections
    .command('checksum')
    .description('row count and md5 of every read-model table (compare two builds)')
    .addOption(projection())
    .addOption(json('the checksums by table'))
    .addHelpText('after', examples('cli projections checksum', 'cli projections checksum --json'))
    .action((flags, command: Command) =>
      run(async () => (await import('./run')).projections('checksum', flags, command)),
    );
}

export function addReplayCommand(program: Command, run: Run): void {
  program
    .command('replay')
    .description(
      'rebuild the read models without downtime: into shadow tables, checked, swapped in atomically',
    )
    .addOption(projection())
    .addOption(
      new Option('--dry-run', 'print what it would do (events, estimated time); change nothing'),
    )
    .addOption(
      new Option('--batch-size <n>', 'events per transaction (default 1000)').argParser(
        positiveInteger,
      ),
    )
    .addOption(json('the outcome (events, seconds, checkpoint, checksums); progress as JSON lines'))
    .addOption(quiet())
    .addHelpText(
      'after',
      `
The live read models keep answering throughout; live projectors pause only for
the swap, then go on from the replayed checkpoints. An interrupted replay (crash,
SIGKILL, Ctrl-C) resumes where it stopped when run again. One replay at a time.
Progress goes to stderr: a bar on a terminal, lines otherwise, JSON with --json.
${examples('cli replay --dry-run', 'cli replay', 'cli replay --projection relations --json 2> progress.jsonl')}`,
    )
    .action((flags, command: Command) =>
      run(async () => (await import('./run')).replay(flags, command)),
    );
}

export function addKeysCommand(program: Command, run: Run): void {
  const keys = program
    .command('keys')
    .description('create, list and revoke API keys')
    .addHelpText(
      'after',
      examples(
        'cli keys create --role auditor --name "newsroom audit"',
        'cli keys list',
        'cli keys revoke <keyId>',
      ),
    );
  keys
    .command('create')
    .description('create an API key; the key is printed once, store it then')
    .addOption(
      new Option('--role <role>', 'what the key may do').choices(ROLES).makeOptionMandatory(),
    )
    .addOption(
      new Option('--name <name>', 'who or what the key is for')
        .argParser(nonBlank)
        .makeOptionMandatory(),
    )
    .addOption(json('the key and its record'))
    .addHelpText(
      'after',
      `
Roles: viewer reads; analyst reads and writes; auditor reads, verifies and
seals; admin does all that and manages keys.
${examples('cli keys create --role analyst --name "desk 3"', 'cli keys create --role admin --name ops --json')}`,
    )
    .action((flags) => run(async () => (await import('./run')).keys('create', flags)));
  keys
    .command('list')
    .description('list the keys (never their secrets)')
    .addOption(json('the keys'))
    .addHelpText('after', examples('cli keys list', 'cli keys list --json'))
    .action((flags) => run(async () => (await import('./run')).keys('list', flags)));
  keys
    .command('revoke')
    .description('revoke a key; exit 1 when there is no active key with that id')
    .argument('<keyId>', 'the key id (from keys list, or the middle part of the key)')
    .addOption(json('the outcome'))
    .addHelpText('after', examples('cli keys revoke 0a1b2c3d4e5f'))
    .action((keyId: string, flags) =>
      run(async () => (await import('./run')).keys('revoke', flags, keyId)),
    );
}

export function addExtractCommand(program: Command, run: Run): void {
  program
    .command('extract')
    .description('candidate statements in an article, from the built-in gazetteer')
    .argument('<file>', 'the article as plain text; - reads stdin')
    .addOption(
      new Option('--format <format>', 'jsonl: one JSON object per statement; text: for reading')
        .choices(['jsonl', 'text'])
        .default('jsonl'),
    )
    .addHelpText(
      'after',
      `
Each JSON line has speaker, principal, kind, targets, quote, text, start, end
and confidence. The count goes to stderr. Exit 1 when the file cannot be read.
${examples('cli extract article.txt', 'pbpaste | cli extract - --format text')}`,
    )
    .action((file: string, flags: { format: string }) =>
      run(async () => (await import('./extract')).extractCommand([file], flags.format)),
    );
}
