/** `cli projections <rebuild|status|checksum>`: the read models, from the command line. */
import { Database } from '@app/database';
import { createEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  deadLetterCount,
  eventsToReplay,
  FeedProjector,
  feedLaneStatus,
  kafkaLaneStatus,
  ProjectionEngine,
  readModelChecksums,
  replayStatus,
  resetProjections,
  withRebuildLock,
  type Projection,
} from '@app/projections';
import { withProgress } from './progress';

export async function projectionsCommand(
  database: Database,
  args: string[],
  options: { json: boolean; projection?: string; quiet?: boolean },
): Promise<number> {
  const [action] = args;
  const selected = options.projection
    ? ALL_PROJECTIONS.filter((p) => p.name === options.projection)
    : ALL_PROJECTIONS;
  if (selected.length === 0) {
    process.stderr.write(
      `unknown projection "${options.projection}" (one of ${ALL_PROJECTIONS.map((p) => p.name).join(', ')})\n`,
    );
    return 2;
  }
  const out = (body: object, text: string) => {
    process.stdout.write(options.json ? `${JSON.stringify(body)}\n` : `${text}\n`);
    return 0;
  };
  switch (action) {
    case 'rebuild': {
      const started = Date.now();
      // On a server, live projectors (api or apps/projector) pause while the rebuild holds the
      // projections' locks. The embedded database has one connection and no other client.
      const shared = database.mode === 'postgres';
      const engine = new ProjectionEngine(database.dataSource, selected, {
        source: 'rebuild',
        keepConnection: shared,
        holdsRebuildLock: shared,
      });
      const projector = new FeedProjector(createEventStore(database), engine, database.dataSource, {
        batchSize: 1000,
      });
      const total = await eventsToReplay(database.dataSource);
      const events = await withProgress(
        { label: 'rebuilding', unit: 'events', total, quiet: options.quiet },
        (progress) => {
          const rebuild = async () => {
            await resetProjections(database.dataSource, selected);
            return projector.catchUp((done) => progress.update(done));
          };
          return shared ? withRebuildLock(database.dataSource, selected, rebuild) : rebuild();
        },
        (events) => events,
      );
      const seconds = (Date.now() - started) / 1000;
      const checksums = await readModelChecksums(database.dataSource, selected);
      return out(
        {
          rebuilt: selected.map((p) => p.name),
          events,
          seconds,
          deadLetters: projector.stats.deadLetters,
          checksums,
        },
        `rebuilt ${selected.map((p) => p.name).join(', ')} from ${events} events in ${seconds.toFixed(1)}s` +
          (projector.stats.deadLetters ? `; ${projector.stats.deadLetters} dead letters` : ''),
      );
    }
    case 'checksum': {
      const checksums = await readModelChecksums(database.dataSource, selected);
      return out(
        checksums,
        Object.entries(checksums)
          .map(([table, c]) => `${table.padEnd(28)} ${String(c.rows).padStart(9)} rows  ${c.md5}`)
          .join('\n'),
      );
    }
    case 'status':
      return statusCommand(database, selected, options.json);
    default:
      process.stderr.write(
        'usage: cli projections <rebuild|status|checksum> [--projection NAME] [--json]\n',
      );
      return 2;
  }
}

/** Where each read model is (or that it was never built), the Kafka lanes, replays, dead letters. */
async function statusCommand(
  database: Database,
  selected: readonly Projection[],
  json: boolean,
): Promise<number> {
  const out = (body: object, text: string) => {
    process.stdout.write(json ? `${JSON.stringify(body)}\n` : `${text}\n`);
    return 0;
  };
  const names = selected.map((p) => p.name);
  const lanes = await feedLaneStatus(database.dataSource, createEventStore(database), names);
  const n = await deadLetterCount(database.dataSource);
  const kafka = await kafkaLaneStatus(database.dataSource, names);
  const replay = await replayStatus(database.dataSource);
  const fed = new Map(lanes.map((lane) => [lane.projection, lane]));
  const fromKafka = new Set(kafka.filter((k) => k.lanes.length > 0).map((k) => k.projection));
  const projections = names.map((name) => {
    const lane = fed.get(name);
    return {
      projection: name,
      built: Boolean(lane) || fromKafka.has(name),
      checkpoint: lane?.checkpoint ?? null,
      processed: lane?.processed ?? 0,
      lag: lane?.lag ?? null,
    };
  });
  const never = projections.filter((p) => !p.built).map((p) => p.projection);
  return out(
    { projections, kafka, replay, deadLetters: n },
    [
      ...projections.map((p) =>
        p.checkpoint
          ? `${p.projection.padEnd(14)} at ${p.checkpoint}  processed ${p.processed}  lag ${p.lag}`
          : `${p.projection.padEnd(14)} ${p.built ? 'built from Kafka only' : 'never built'}`,
      ),
      ...kafka.map(
        (k) =>
          `${k.projection.padEnd(14)} kafka: ${k.lanes.length} partitions, processed ${k.processed}, lag ${k.lag ?? 'unknown'}, updated ${k.updatedAt ?? 'never'}`,
      ),
      ...(never.length
        ? [
            `never built: ${never.join(', ')} — their queries answer nothing; run "cli replay" (or start the api, which projects the feed)`,
          ]
        : []),
      ...(replay.unfinished
        ? [
            `replay unfinished: ${replay.unfinished.projections.join(', ')} since ${replay.unfinished.startedAt}, ${replay.unfinished.processed} events in; running, or run "cli replay" to resume`,
          ]
        : []),
      replay.last
        ? `last replay: ${replay.last.projections.length} read models from ${replay.last.events} events, swapped in ${replay.last.swappedAt} (${replay.last.seconds.toFixed(1)}s)`
        : 'last replay: none',
      `dead letters: ${n}`,
    ].join('\n'),
  );
}
