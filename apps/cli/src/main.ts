/**
 * statement-tracker CLI: `npm run --silent cli -- <command> [options]`.
 *   migrate                          apply pending migrations
 *   verify [--json]                  check hash chains and seals; exit 1 when anything is broken
 *                                    (events older than two SEAL_INTERVAL_MS before the newest
 *                                    must be sealed; 0 skips that)
 *   seal [--json]                    seal every visible event not sealed yet
 *   feed [--after T:G] [--limit N] [--format jsonl]
 *                                    print the global feed as JSON lines (progress on stderr)
 *   seed [--json]                    load the sample dataset (once; skipped when present)
 *   keys create --role R --name N    create an API key (printed once) [--json]
 *   keys list [--json]               list keys (never their secrets)
 *   keys revoke <keyId>              revoke a key
 *   projections rebuild [--projection NAME] [--json]
 *                                    empty the read models (all, or one) and rebuild them from
 *                                    the store feed (progress on stderr); stop projectors first
 *   projections status [--json]      each read model's checkpoint, lag and the dead letters
 *   projections checksum [--json]    md5 of every read-model table (compare two builds)
 *   extract <file|-> [--format jsonl|text]
 *                                    candidate statements in an article, no database needed
 * Works on DATABASE_URL, or on the embedded database under DATA_DIR (stop the api first:
 * the embedded database has one user at a time).
 */
import { parseArgs } from 'node:util';
import { ApiKeys } from '@app/access';
import { seedSampleData } from '@app/application';
import { ConfigError, loadConfig } from '@app/config';
import { Database, openDatabase } from '@app/database';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import {
  EventStoreIntegrity,
  FeedCheckpoint,
  formatCheckpoint,
  parseCheckpoint,
  createEventStore,
} from '@app/event-store';
import { extractCommand } from './extract';
import { keyCommand } from './keys';
import { projectionsCommand } from './projections';
import { verifyCommand } from './verify';

const USAGE = `usage: cli <migrate|verify|seal|feed|seed|keys|projections|extract> [--json] [--after <tx:gp>] [--limit <n>] [--format jsonl] [--role R --name N] [--projection NAME]`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      after: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'jsonl' },
      role: { type: 'string' },
      name: { type: 'string' },
      projection: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (
    !['migrate', 'verify', 'seal', 'feed', 'seed', 'keys', 'projections', 'extract'].includes(
      command,
    )
  ) {
    process.stderr.write(`unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  if (command === 'extract') {
    if (values.format !== 'jsonl' && values.format !== 'text') {
      process.stderr.write(`--format must be jsonl or text\n`);
      return 2;
    }
    return extractCommand(positionals.slice(1), values.format);
  }
  if (values.format !== 'jsonl') {
    process.stderr.write(`--format must be jsonl (one JSON event per line)\n`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config.database, ALL_MIGRATIONS, 'statement-tracker-cli');
  try {
    switch (command) {
      case 'migrate':
        return report(
          values.json,
          { migrated: true, database: database.location },
          `migrations applied (${database.location})`,
        );
      case 'verify':
        return await verifyCommand(database, {
          json: values.json,
          sealIntervalMs: config.sealIntervalMs,
        });
      case 'seed': {
        const result = await seedSampleData(
          createEventStore(database),
          (work) => database.dataSource.transaction(work),
          {
            userId: 'cli:seed',
            correlationId: 'seed',
          },
        );
        return report(
          values.json,
          result,
          result.seeded
            ? `seeded ${result.actors} actors, ${result.statements} statements, ${result.accusations} accusations, ${result.propositions} propositions`
            : 'sample data already present; nothing written',
        );
      }
      case 'keys':
        return await keyCommand(new ApiKeys(database.dataSource), positionals.slice(1), values);
      case 'projections':
        return await projectionsCommand(database, positionals.slice(1), values);
      case 'seal': {
        const seals = await new EventStoreIntegrity(database.dataSource).seal();
        const events = seals.reduce((n, seal) => n + seal.eventCount, 0);
        const last = seals[seals.length - 1];
        return report(
          values.json,
          { seals },
          last
            ? `sealed ${events} events; head seal #${last.sealNumber} ${last.sealHash}`
            : 'nothing new to seal',
        );
      }
      default:
        return await feed(
          database,
          values.after ? parseCheckpoint(values.after) : null,
          values.limit ? Number(values.limit) : Infinity,
        );
    }
  } finally {
    await database.close();
  }
}

function report(json: boolean, body: object, text: string): number {
  process.stdout.write(json ? `${JSON.stringify(body)}\n` : `${text}\n`);
  return 0;
}

async function feed(
  database: Database,
  after: FeedCheckpoint | null,
  limit: number,
): Promise<number> {
  if (!(limit > 0)) throw new Error('--limit must be a positive number');
  const store = createEventStore(database);
  let checkpoint = after;
  let written = 0;
  let lastProgress = Date.now();
  while (written < limit) {
    const page = await store.readFeed(checkpoint, Math.min(1000, limit - written));
    for (const event of page.events) process.stdout.write(`${JSON.stringify(event)}\n`);
    written += page.events.length;
    checkpoint = page.checkpoint;
    if (Date.now() - lastProgress > 1000) {
      process.stderr.write(
        `… ${written} events (at ${checkpoint ? formatCheckpoint(checkpoint) : 'start'})\n`,
      );
      lastProgress = Date.now();
    }
    if (page.caughtUp) break;
  }
  process.stderr.write(
    `${written} events; next --after ${checkpoint ? formatCheckpoint(checkpoint) : '0:0'}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
