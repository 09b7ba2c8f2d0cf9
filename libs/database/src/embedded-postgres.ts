import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ensureDir, ensurePrivateDir, restrictTree } from './file-modes';

export interface EmbeddedPostgres {
  /** postgres:// URL of the socket server, for pg/TypeORM. */
  url: string;
  /** Where the data lives ("memory://" for a throw-away instance). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * PGlite (Postgres compiled to WASM) behind its socket server, so the same pg/TypeORM code
 * runs with no Postgres installed. PGlite is one session: clients must use a pool of one.
 * Start it in a plain Node process (not inside jest's VM, where the WASM runtime crashes).
 * The data directory is owner-only (0700; DATA_DIR too when we create it), and so is every file
 * in it when the database starts and stops.
 */
export async function startEmbeddedPostgres(
  dataDir: string | 'memory://',
): Promise<EmbeddedPostgres> {
  let dir = dataDir;
  if (dataDir !== 'memory://') {
    dir = resolve(dataDir);
    ensureDir(dirname(dir));
    ensurePrivateDir(dir);
  }
  const onDisk = dir !== 'memory://';
  // The contrib extensions the migrations create (search keys and fuzzy matching).
  const db = await PGlite.create(onDisk ? dir : undefined, {
    extensions: { fuzzystrmatch, unaccent },
  });
  if (onDisk) restrictTree(dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    dataDir: dir,
    async stop() {
      await server.stop();
      await db.close();
      if (onDisk) restrictTree(dir);
    },
  };
}
