/**
 * Shadow read models: a copy of the live tables' shape in the schema `st_replay`, which a replay
 * fills from the store feed while the live tables keep answering, then swaps in.
 *
 * The replay's connections put `st_replay` first on their search_path, so every projection runs
 * its own unchanged SQL against the shadow tables (and reads the store's tables, and the read
 * models not being replayed, from `public`). The shadow schema also holds the replay's own
 * checkpoints and a scratch change log: a replay reproduces the read models, it does not announce
 * again what the live ones announced (the change log and the alerts topic keep their history).
 *
 * Tables are created with their constraints and B-tree indexes (projections look rows up by
 * them while they apply); GIN indexes — the costliest to keep up row by row, and used only by
 * queries — are built once the load is done. Every index and constraint keeps its live name, so
 * the swapped-in tables are indistinguishable from ones the migrations made.
 */
import type { Sql } from '../projection';

export const SHADOW_SCHEMA = 'st_replay';

/** Tables the shadow needs besides the read models': the replay's checkpoints, a scratch log. */
const SUPPORT_TABLES = ['projection_checkpoints', 'rm_changes'];

/** What a shadow is being built for: kept in the shadow, so that a rerun can resume it. */
export interface ShadowRun {
  projections: string[];
  /** The migrations applied and the projections chosen: a rerun resumes only the same build. */
  fingerprint: string;
  startedAt: Date;
  /** True when this run goes on with a shadow an earlier run left. */
  resumed: boolean;
}

/** The shadow an earlier run left (null: none). */
export async function existingShadow(db: Sql): Promise<Omit<ShadowRun, 'resumed'> | null> {
  const [exists] = await db.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [
    `${SHADOW_SCHEMA}.replay_run`,
  ]);
  if (!exists.ok) return null;
  const [row] = await db.query<{ projections: string[]; fingerprint: string; started_at: Date }>(
    `SELECT projections, fingerprint, started_at FROM ${SHADOW_SCHEMA}.replay_run LIMIT 1`,
  );
  return row
    ? { projections: row.projections, fingerprint: row.fingerprint, startedAt: row.started_at }
    : null;
}

export async function shadowFingerprint(db: Sql, projections: string[]): Promise<string> {
  const [row] = await db.query<{ md5: string }>(
    `SELECT md5(coalesce(string_agg(name, ',' ORDER BY id), '') || '|' || $1) AS md5 FROM migrations`,
    [[...projections].sort().join(',')],
  );
  return row.md5;
}

/**
 * The shadow for these tables: the one an earlier run left when it was for the same build, or
 * a new one (an old shadow of another build is dropped). Created in one transaction: a crash
 * leaves a whole shadow or none.
 */
export async function openShadow(
  db: Sql & { transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> },
  projections: string[],
  tables: string[],
): Promise<ShadowRun> {
  const fingerprint = await shadowFingerprint(db, projections);
  const earlier = await existingShadow(db);
  if (earlier && earlier.fingerprint === fingerprint && (await resumable(db)))
    return { ...earlier, resumed: true };
  return db.transaction(async (tx) => {
    await tx.query(`DROP SCHEMA IF EXISTS ${SHADOW_SCHEMA} CASCADE`);
    await tx.query(`CREATE SCHEMA ${SHADOW_SCHEMA}`);
    for (const table of [...tables, ...SUPPORT_TABLES]) await createShadowTable(tx, table);
    await tx.query(
      `CREATE TABLE ${SHADOW_SCHEMA}.replay_run (
         projections text[] NOT NULL,
         fingerprint text NOT NULL,
         started_at  timestamptz NOT NULL DEFAULT now())`,
    );
    const [row] = await tx.query<{ started_at: Date }>(
      `INSERT INTO ${SHADOW_SCHEMA}.replay_run (projections, fingerprint) VALUES ($1, $2)
       RETURNING started_at`,
      [projections, fingerprint],
    );
    return { projections, fingerprint, startedAt: row.started_at, resumed: false };
  });
}

/**
 * Has the shadow anything to resume? Only a shadow whose batches committed checkpoints (a run
 * stopped before its first batch committed starts over, under a new start time).
 */
export async function resumable(db: Sql): Promise<boolean> {
  const [{ checkpoints }] = await db.query<{ checkpoints: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${SHADOW_SCHEMA}.projection_checkpoints) AS checkpoints`,
  );
  return checkpoints;
}

/** The live table's columns, defaults, checks, constraints and B-tree indexes, by their names. */
async function createShadowTable(tx: Sql, table: string): Promise<void> {
  await tx.query(
    `CREATE TABLE ${SHADOW_SCHEMA}.${table} (LIKE public.${table} INCLUDING ALL EXCLUDING INDEXES)`,
  );

  const constraints = await tx.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    [`public.${table}`],
  );
  for (const { name, definition } of constraints)
    await tx.query(`ALTER TABLE ${SHADOW_SCHEMA}.${table} ADD CONSTRAINT "${name}" ${definition}`);
  for (const index of await liveIndexes(tx, table))
    if (!index.deferred) await tx.query(shadowIndexDefinition(index.definition, table));
}

interface LiveIndex {
  name: string;
  definition: string;
  /** Built after the load (GIN), not kept up while rows arrive. */
  deferred: boolean;
}

/** The live table's indexes that no constraint owns. */
async function liveIndexes(db: Sql, table: string): Promise<LiveIndex[]> {
  const rows = await db.query<{ name: string; definition: string; method: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS definition, am.amname AS method
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_am am ON am.oid = c.relam
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`,
    [`public.${table}`],
  );
  return rows.map((r) => ({ ...r, deferred: r.method === 'gin' }));
}

function shadowIndexDefinition(definition: string, table: string): string {
  const live = ` ON public.${table} `;
  if (!definition.includes(live)) throw new Error(`unexpected index definition: ${definition}`);
  return definition.replace(live, ` ON ${SHADOW_SCHEMA}.${table} `);
}

/**
 * Builds the indexes left for after the load (those not built yet: a resumed run skips what an
 * earlier one built). Returns the names built.
 */
export async function buildDeferredIndexes(
  db: Sql,
  tables: string[],
  onIndex?: (name: string) => void,
): Promise<string[]> {
  const built: string[] = [];
  for (const table of tables)
    for (const index of await liveIndexes(db, table)) {
      if (!index.deferred) continue;
      const [exists] = await db.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [
        `${SHADOW_SCHEMA}.${index.name}`,
      ]);
      if (exists.ok) continue;
      onIndex?.(index.name);
      await db.query(shadowIndexDefinition(index.definition, table));
      built.push(index.name);
    }
  return built;
}

/**
 * Swaps the shadow tables in, in one transaction on `tx`: the live tables are locked (briefly:
 * `lockTimeoutMs`, so that readers queued behind the swap wait at most that long before it gives
 * way and tries again), dropped, and replaced by the shadow ones; the feed checkpoints of the
 * replayed projections become the replay's. Readers see the old tables or the new, never neither.
 */
export async function swapShadow(
  tx: Sql,
  projections: string[],
  tables: string[],
  lockTimeoutMs: number,
): Promise<void> {
  const live = tables.map((t) => `public.${t}`).join(', ');
  await tx.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
  await tx.query(`LOCK TABLE ${live} IN ACCESS EXCLUSIVE MODE`);
  await tx.query(`SET LOCAL lock_timeout = 0`);
  await tx.query(`DROP TABLE ${live}`);
  for (const table of tables)
    await tx.query(`ALTER TABLE ${SHADOW_SCHEMA}.${table} SET SCHEMA public`);
  await tx.query(
    `DELETE FROM public.projection_checkpoints WHERE lane = 'feed' AND projection = ANY($1)`,
    [projections],
  );
  await tx.query(
    `INSERT INTO public.projection_checkpoints SELECT * FROM ${SHADOW_SCHEMA}.projection_checkpoints
      WHERE lane = 'feed' AND projection = ANY($1)`,
    [projections],
  );
}

export async function dropShadow(db: Sql): Promise<void> {
  await db.query(`DROP SCHEMA IF EXISTS ${SHADOW_SCHEMA} CASCADE`);
}

/**
 * Keeps the planner's picture of the shadow tables current while they fill: ANALYZE, beside the
 * load on another connection (it takes no lock the load waits for), each time the events
 * applied have doubled. Autovacuum may be off or late, and a shadow table of a million rows the
 * planner believes empty turns the projections' joins into nested loops over it.
 */
export function shadowAnalyzer(db: Sql, tables: string[], first = 1000) {
  let next = first;
  let busy = false;
  let running: Promise<unknown> = Promise.resolve();
  return {
    grown(done: number): void {
      if (busy || done < next) return;
      next = done * 2;
      busy = true;
      running = db
        .query(`ANALYZE ${tables.map((t) => `${SHADOW_SCHEMA}.${t}`).join(', ')}`)
        // Statistics only: a failed ANALYZE leaves the plans as they were, never the rows.
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    },
    settled: (): Promise<unknown> => running,
  };
}
