/**
 * `npm run bench -- <append|feed> [--rounds N]`: prints a table, then (last line) one JSON object.
 * Benchmarks are not tests: no thresholds, just side-by-side figures from one run.
 */
import { parseArgs } from 'node:util';
import { benchApi } from './api';
import { benchAppend } from './append';
import { benchFeed } from './feed';
import { benchRelay } from './relay';
import { benchProject } from './project';
import { benchE2e } from './e2e';
import { benchExtract } from './extract';
import { benchQueries } from './queries';

const BENCHES: Record<string, (rounds: number) => Promise<Record<string, number>>> = {
  append: benchAppend,
  feed: benchFeed,
  api: benchApi,
  relay: benchRelay,
  project: benchProject,
  e2e: benchE2e,
  extract: benchExtract,
  queries: benchQueries,
};

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { rounds: { type: 'string', default: '3' } },
  });
  const name = positionals[0];
  const bench = BENCHES[name];
  if (!bench) {
    process.stderr.write(
      `usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [--rounds N]\n`,
    );
    process.exit(2);
  }
  const figures = await bench(Number(values.rounds));
  process.stdout.write(`${JSON.stringify({ bench: name, ...figures })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
