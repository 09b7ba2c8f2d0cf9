/**
 * Checksums and rebuilds of read models. A checksum is the md5 of every row of a projection's
 * tables in key order: two builds of the same history — in order or interleaved, from Kafka or
 * from the feed, before or after a crash — must give equal checksums.
 */
import { DataSource } from 'typeorm';
import type { Projection } from './projection';

export async function readModelChecksums(
  dataSource: DataSource,
  projections: readonly Projection[],
  schema = 'public',
): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const projection of projections)
    for (const { table, key, checksum } of projection.tables) {
      const rows = checksum
        ? `(SELECT ${checksum.columns} FROM ${schema}.${table} WHERE ${checksum.where})`
        : `${schema}.${table}`;
      // The md5 of the rows' md5s: a table of millions of rows never becomes one string.
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS rows,
                coalesce(md5(string_agg(md5(t::text), '' ORDER BY ${(checksum?.key ?? key)
                  .split(',')
                  .map((k) => `t.${k.trim()}`)
                  .join(', ')})), '') AS md5
           FROM ${rows} t`,
      );
      result[table] = { rows: row.rows, md5: row.md5 };
    }
  return result;
}

/** How many events a rebuild from the feed replays: every stored event (for its progress). */
export async function eventsToReplay(dataSource: DataSource): Promise<number> {
  const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM events`);
  return n;
}

/** Empty the projections' tables and forget their checkpoints (every lane). */
export async function resetProjections(
  dataSource: DataSource,
  projections: readonly Projection[],
): Promise<void> {
  const names = projections.map((p) => p.name);
  await dataSource.transaction(async (manager) => {
    for (const projection of projections)
      for (const { table } of projection.tables) await manager.query(`TRUNCATE ${table}`);
    await manager.query(`DELETE FROM projection_checkpoints WHERE projection = ANY($1)`, [names]);
  });
}

/**
 * Runs `work` (a reset and a replay) while holding the projections' advisory locks exclusively:
 * live projectors (which take them shared for every batch) wait, and afterwards drop what the
 * rebuild applied. The engine doing the rebuild must be built with `holdsRebuildLock`.
 * Waits for batches in flight; gives up after `timeoutMs` with a clear error.
 */
export async function withRebuildLock<T>(
  dataSource: DataSource,
  projections: readonly Projection[],
  work: () => Promise<T>,
  timeoutMs = 30_000,
): Promise<T> {
  const names = projections.map((p) => p.name).sort();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    try {
      await runner.query(
        `SELECT pg_advisory_lock(hashtext('statement-tracker.projection:' || n)) FROM unnest($1::text[]) n`,
        [names],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '55P03')
        throw new Error(
          `could not lock ${names.join(', ')} for a rebuild within ${timeoutMs} ms (another rebuild running?)`,
        );
      throw error;
    } finally {
      await runner.query(`RESET lock_timeout`).catch(() => undefined);
    }
    try {
      return await work();
    } finally {
      await runner.query(
        `SELECT pg_advisory_unlock(hashtext('statement-tracker.projection:' || n)) FROM unnest($1::text[]) n`,
        [names],
      );
    }
  } finally {
    await runner.release();
  }
}
