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
): Promise<Record<string, { rows: number; md5: string }>> {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const projection of projections)
    for (const { table, key } of projection.tables) {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS rows,
                coalesce(md5(string_agg(t::text, E'\\n' ORDER BY ${key
                  .split(',')
                  .map((k) => `t.${k.trim()}`)
                  .join(', ')})), '') AS md5
           FROM ${table} t`,
      );
      result[table] = { rows: row.rows, md5: row.md5 };
    }
  return result;
}

/** Empty the projections' tables and forget their checkpoints and stream positions. */
export async function resetProjections(
  dataSource: DataSource,
  projections: readonly Projection[],
): Promise<void> {
  const names = projections.map((p) => p.name);
  await dataSource.transaction(async (manager) => {
    for (const projection of projections)
      for (const { table } of projection.tables) await manager.query(`TRUNCATE ${table}`);
    await manager.query(`DELETE FROM projection_checkpoints WHERE projection = ANY($1)`, [names]);
    await manager.query(
      `UPDATE projection_positions SET positions = positions - $1::text[] WHERE positions ?| $1::text[]`,
      [names],
    );
  });
}
