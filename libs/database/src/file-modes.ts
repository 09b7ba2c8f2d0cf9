import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything the service writes on disk is for its own user only. A directory of ours is created
 * (or narrowed) to 0700 whatever the process umask; PostgreSQL itself refuses a data directory
 * others can enter, and so do we.
 */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/**
 * Creates `path` owner-only if it does not exist; an existing directory is left as it is (it
 * may be `.` or a shared parent the operator chose — what we keep in it is narrowed instead).
 */
export function ensureDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
}

/**
 * Takes group and world access away from every file and directory under `root` (symbolic
 * links are left alone). The embedded database (PGlite's WASM file system) creates its files
 * 0666 regardless of the umask, so this runs when it starts and when it stops; in between its
 * files sit in a 0700 directory nobody else can enter. Returns how many modes it changed.
 */
export function restrictTree(root: string): number {
  let changed = 0;
  const visit = (path: string): void => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o7777;
    const wanted = stat.isDirectory() ? 0o700 : mode & 0o700;
    if (mode !== wanted) {
      chmodSync(path, wanted);
      changed++;
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(root);
  return changed;
}
