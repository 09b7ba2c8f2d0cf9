/**
 * statement-tracker CLI: `npm run --silent cli -- <command> [options]` (see `--help`, and
 * commands.ts for every command). Exit codes: 0 ok; 1 a check found a problem or the work
 * failed; 2 usage error. This entry point loads only commander and the command table; each
 * command loads what it needs when it runs.
 */
import { CommanderError } from 'commander';
import { EXIT } from './options';
import { buildProgram } from './program';

export async function main(argv: readonly string[]): Promise<number> {
  const outcome = { code: EXIT.ok as number };
  try {
    await buildProgram(outcome).parseAsync(argv, { from: 'user' });
    return outcome.code;
  } catch (error) {
    // exitOverride: commander throws instead of exiting; it has already printed the message.
    // Help and version end in 0; everything else it raises is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.problem;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
