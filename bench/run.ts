/**
 * `npm run bench -- <name> [size] [--rounds N]`: prints a table, then (last line) one JSON object.
 * A size, where a bench takes one, follows the name (`npm run bench -- rebuild 50000`).
 * Benchmarks are not tests: no thresholds, just side-by-side figures from one run.
 */
import { parseArgs } from 'node:util';
import { benchApi } from './api';
import { benchAppend } from './append';
import { benchDashboard } from './dashboard';
import { benchFeed } from './feed';
import { benchRelay } from './relay';
import { benchProject } from './project';
import { benchE2e } from './e2e';
import { benchExtract } from './extract';
import { benchQueries } from './queries';
import { benchRebuild } from './rebuild';

/** A bench: the rounds (`--rounds`), and the positionals after its name (a size, for some). */
type Bench = (rounds: number, args: string[]) => Promise<Record<string, number>>;

const BENCHES: Record<string, Bench> = {
  append: benchAppend,
  feed: benchFeed,
  api: benchApi,
  relay: benchRelay,
  project: benchProject,
  e2e: benchE2e,
  extract: benchExtract,
  queries: benchQueries,
  rebuild: benchRebuild,
  dashboard: benchDashboard,
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
      `usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [size] [--rounds N]\n`,
    );
    process.exit(2);
  }
  const figures = await bench(Number(values.rounds), positionals.slice(1));
  process.stdout.write(`${JSON.stringify({ bench: name, ...figures })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
