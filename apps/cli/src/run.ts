/**
 * The commands that open the database. Loaded only when one of them runs: TypeORM, the Postgres
 * drivers and the event store take most of a second to load, which help and usage errors skip.
 */
import { once } from 'node:events';
import { Command } from 'commander';
import { SealEventsCommand, SeedSampleDataCommand } from '@app/application';
import { FeedCheckpoint, formatCheckpoint, ORIGIN } from '@app/event-store';
import { ALL_PROJECTIONS } from '@app/projections';
import { withApplication } from './application';
import { keyCommand } from './keys';
import { EXIT } from './options';
import { startProgress, withProgress } from './progress';
import { projectionsCommand } from './projections';
import { verifyCommand } from './verify';

export interface Flags {
  json?: boolean;
  quiet?: boolean;
}

function report(json: boolean | undefined, body: object, text: string): number {
  process.stdout.write(json ? `${JSON.stringify(body)}\n` : `${text}\n`);
  return EXIT.ok;
}

/** Opening the database applies pending migrations; this only says where. */
export function migrate(flags: Flags): Promise<number> {
  return withApplication(async ({ database }) =>
    report(
      flags.json,
      { migrated: true, database: database.location },
      `migrations applied (${database.location})`,
    ),
  );
}

export function verify(flags: Flags): Promise<number> {
  return withApplication(({ queries }) =>
    verifyCommand(queries, { json: Boolean(flags.json), quiet: flags.quiet }),
  );
}

/** The same use case as POST /audit/seal. */
export function seal(flags: Flags): Promise<number> {
  return withApplication(async ({ commands }) => {
    const { seals } = await withProgress(
      { label: 'sealing', unit: 'events', quiet: flags.quiet },
      () => commands.execute(new SealEventsCommand()),
      ({ seals }) => seals.reduce((n, seal) => n + seal.eventCount, 0),
    );
    const events = seals.reduce((n, seal) => n + seal.eventCount, 0);
    const last = seals[seals.length - 1];
    return report(
      flags.json,
      { seals },
      last
        ? `sealed ${events} events; head seal #${last.sealNumber} ${last.sealHash}`
        : 'nothing new to seal',
    );
  });
}

/** The same use case as the embedded default's first start. */
export function seed(flags: Flags): Promise<number> {
  return withApplication(async ({ commands }) => {
    const result = await withProgress({ label: 'seeding', quiet: flags.quiet }, () =>
      commands.execute(new SeedSampleDataCommand('cli:seed')),
    );
    return report(
      flags.json,
      result,
      result.seeded
        ? `seeded ${result.actors} actors, ${result.statements} statements, ${result.accusations} accusations, ${result.propositions} propositions`
        : 'sample data already present; nothing written',
    );
  });
}

/** The global feed as JSON lines on stdout; progress and the resume checkpoint on stderr. */
export function feed(flags: Flags & { after?: FeedCheckpoint; limit?: number }): Promise<number> {
  return withApplication(async ({ store }) => {
    const limit = flags.limit ?? Infinity;
    const progress = startProgress({
      label: 'feed',
      unit: 'events',
      // Lag is counted by the store: the events after the checkpoint, up to the limit.
      total: flags.quiet ? undefined : await store.eventsAfter(flags.after ?? null, flags.limit),
      quiet: flags.quiet,
      // A bar redrawn between the JSON lines would garble a terminal showing both.
      plain: Boolean(process.stdout.isTTY),
    });
    let checkpoint = flags.after ?? null;
    let written = 0;
    try {
      while (written < limit) {
        const page = await store.readFeed(checkpoint, Math.min(1000, limit - written));
        const text = page.events.map((event) => `${JSON.stringify(event)}\n`).join('');
        // Wait for a slow reader rather than buffering the whole feed in memory.
        if (text && !process.stdout.write(text)) await once(process.stdout, 'drain');
        written += page.events.length;
        checkpoint = page.checkpoint;
        progress.update(written);
        if (page.caughtUp) break;
      }
    } catch (error) {
      progress.abort();
      throw error;
    }
    progress.finish(written);
    process.stderr.write(
      `${written} events; next --after ${formatCheckpoint(checkpoint ?? ORIGIN)}\n`,
    );
    return EXIT.ok;
  });
}

export function keys(
  action: 'create' | 'list' | 'revoke',
  flags: Flags & { role?: string; name?: string },
  keyId?: string,
): Promise<number> {
  return withApplication((buses) => keyCommand(buses, action, { ...flags, keyId }));
}

/** `cli replay`: the read models rebuilt beside the live ones and swapped in. */
export function replay(
  flags: Flags & { projection?: string; dryRun?: boolean; batchSize?: number },
  command: Command,
): Promise<number> {
  checkProjection(flags.projection, command);
  return withApplication(async ({ database }) =>
    (await import('./replay')).replayCommand(database, flags),
  );
}

/** Checked here, not by a parser: the names live with the read models, which load slowly. */
function checkProjection(projection: string | undefined, command: Command): void {
  const names = ALL_PROJECTIONS.map((p) => p.name);
  if (projection !== undefined && !names.includes(projection))
    command.error(
      `error: option '--projection <name>' argument '${projection}' is invalid. Allowed choices are ${names.join(', ')}.`,
      { exitCode: EXIT.usage, code: 'commander.invalidArgument' },
    );
}

export function projections(
  action: 'rebuild' | 'status' | 'checksum',
  flags: Flags & { projection?: string },
  command: Command,
): Promise<number> {
  checkProjection(flags.projection, command);
  return withApplication(({ database }) =>
    projectionsCommand(database, [action], { ...flags, json: Boolean(flags.json) }),
  );
}
