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

export async function projectionsCommand(
  database: Database,
  args: string[],
  options: { json: boolean; projection?: string },
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
      let last = 0;
      const rebuild = async () => {
        await resetProjections(database.dataSource, selected);
        return projector.catchUp((done) => {
          if (Date.now() - last < 1000) return;
          last = Date.now();
          const rate = Math.round(done / ((Date.now() - started) / 1000));
          process.stderr.write(`rebuilding: ${done} events (${rate}/s)\n`);
        });
      };
      const events = shared
        ? await withRebuildLock(database.dataSource, selected, rebuild)
        : await rebuild();
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
      return out(
        { projections, deadLetters: n },
        [
          ...projections.map(
            (p) =>
              `${p.projection.padEnd(14)} at ${p.checkpoint}  processed ${p.processed}  lag ${p.lag}`,
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
