import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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
 */
export async function startEmbeddedPostgres(
  dataDir: string | 'memory://',
): Promise<EmbeddedPostgres> {
  let dir = dataDir;
  if (dataDir !== 'memory://') {
    dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
  }
  const db = await PGlite.create(dir === 'memory://' ? undefined : dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    dataDir: dir,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
