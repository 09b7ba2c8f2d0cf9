// `npm run cli` runs the compiled CLI: node starts dist/apps/cli/src/main.js in a fraction of a
// second, where tsx compiles the sources on every call. When dist is missing or older than a
// source it is compiled from (apps/cli/src, libs, the tsconfigs), it builds first, once.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/cli/src/main.js');
const SOURCE_DIRS = ['apps/cli/src', 'libs'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'];

/** Newest modification time of the files the build compiles (tests are not compiled). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
        newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  for (const file of CONFIGS) newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  return newest;
}

function build() {
  process.stderr.write('cli: dist is missing or older than the sources; building (nest build)…\n');
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] });
  // The build's own output goes to stderr: stdout is the command's output.
  const result = spawnSync(process.execPath, [nest, 'build', 'cli'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.status === 0) return;
  if (!existsSync(MAIN)) {
    process.stderr.write('cli: the build failed and produced no CLI; see the errors above\n');
    process.exit(1);
  }
  // tsc still emits on type errors, which may sit in code the CLI does not run.
  process.stderr.write('cli: the build reported errors (above); running what it produced\n');
}

if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < newestSource()) build();
require(MAIN);
