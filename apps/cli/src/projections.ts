/** `cli projections <rebuild|status|checksum>`: the read models, from the command line. */
import { Database } from '@app/database';
import { createEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  FeedProjector,
  ProjectionEngine,
  readModelChecksums,
  resetProjections,
  withRebuildLock,
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
      const [{ n: total }] = await database.dataSource.query(
        `SELECT count(*)::int AS n FROM events`,
      );
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
    case 'status': {
      const rows: Array<{
        projection: string;
        checkpoint: string;
        processed: string;
        lag: number;
      }> = await database.dataSource.query(
        `SELECT c.projection, c.transaction_id::text || ':' || c.global_position AS checkpoint, c.processed,
                  (SELECT count(*)::int FROM events e
                    WHERE (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
                      AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())) AS lag
             FROM projection_checkpoints c WHERE c.projection = ANY($1) AND c.lane = 'feed' ORDER BY c.projection`,
        [selected.map((p) => p.name)],
      );
      const [{ n }] = await database.dataSource.query(
        `SELECT count(*)::int AS n FROM projection_dead_letters`,
      );
      const projections = rows.map((r) => ({ ...r, processed: Number(r.processed) }));
      const kafka = await kafkaLanes(
        database,
        selected.map((p) => p.name),
      );
      return out(
        { projections, kafka, deadLetters: n },
        [
          ...projections.map(
            (p) =>
              `${p.projection.padEnd(14)} at ${p.checkpoint}  processed ${p.processed}  lag ${p.lag}`,
          ),
          ...kafka.map(
            (k) =>
              `${k.projection.padEnd(14)} kafka: ${k.lanes.length} partitions, processed ${k.processed}, lag ${k.lag ?? 'unknown'}, updated ${k.updatedAt ?? 'never'}`,
          ),
          `dead letters: ${n}`,
        ].join('\n'),
      );
    }
    default:
      process.stderr.write(
        'usage: cli projections <rebuild|status|checksum> [--projection NAME] [--json]\n',
      );
      return 2;
  }
}

interface KafkaLanes {
  projection: string;
  /** One per topic partition applied: where it is in the feed order, and when it moved. */
  lanes: Array<{ lane: string; checkpoint: string; updatedAt: string }>;
  processed: number;
  /** Messages behind the partitions' ends, as the projector last measured (null: unknown). */
  lag: number | null;
  updatedAt: string | null;
}

/** What apps/projector (the Kafka projector) has applied: its lanes and last reported status. */
async function kafkaLanes(database: Database, names: string[]): Promise<KafkaLanes[]> {
  const lanes: Array<Record<string, unknown>> = await database.dataSource.query(
    `SELECT projection, lane, transaction_id::text || ':' || global_position AS checkpoint, updated_at
       FROM projection_checkpoints WHERE lane <> 'feed' AND projection = ANY($1)
      ORDER BY projection, lane`,
    [names],
  );
  const status: Array<Record<string, unknown>> = await database.dataSource.query(
    `SELECT projection, lag, processed, updated_at FROM projection_status
      WHERE source = 'kafka' AND projection = ANY($1) ORDER BY projection`,
    [names],
  );
  const byName = new Map<string, KafkaLanes>();
  const entry = (projection: string) => {
    let found = byName.get(projection);
    if (!found) {
      found = { projection, lanes: [], processed: 0, lag: null, updatedAt: null };
      byName.set(projection, found);
    }
    return found;
  };
  for (const row of status) {
    const e = entry(row.projection as string);
    e.processed = Number(row.processed);
    e.lag = row.lag === null ? null : Number(row.lag);
    e.updatedAt = (row.updated_at as Date).toISOString();
  }
  for (const row of lanes)
    entry(row.projection as string).lanes.push({
      lane: row.lane as string,
      checkpoint: row.checkpoint as string,
      updatedAt: (row.updated_at as Date).toISOString(),
    });
  return [...byName.values()].sort((a, b) => a.projection.localeCompare(b.projection));
}
