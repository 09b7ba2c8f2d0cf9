/** `cli export`: the same use case as GET /export, page by page to stdout or a file. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ExportStatementsQuery, StatementExport } from '@app/application';
import { withApplication } from './application';
import { EXIT } from './options';
import { Progress, startProgress } from './progress';

export interface ExportFlags {
  format: string;
  knownAt?: string;
  asOf?: string;
  from?: string;
  to?: string;
  out?: string;
  quiet?: boolean;
}

export function exportStatements(flags: ExportFlags): Promise<number> {
  return withApplication(async ({ queries }) => {
    const { format, knownAt, asOf, from, to } = flags;
    const exported = await queries.execute(
      new ExportStatementsQuery({ format, knownAt, asOf, from, to }),
    );
    // Opened before any work: a path that cannot be written fails here, naming it.
    const file = flags.out ? createWriteStream(flags.out) : null;
    if (file) await once(file, 'open');
    const progress = startProgress({
      label: 'export',
      unit: 'statements',
      total: flags.quiet ? undefined : await exported.estimate(),
      quiet: flags.quiet,
      // A bar redrawn between the lines would garble a terminal showing both.
      plain: !file && Boolean(process.stdout.isTTY),
    });
    const count = { written: 0 };
    try {
      // pipeline waits for 'drain' whenever the file or pipe is behind: one page in memory.
      await pipeline(Readable.from(texts(exported, progress, count)), file ?? process.stdout, {
        end: Boolean(file),
      });
    } catch (error) {
      progress.abort();
      throw error;
    }
    progress.finish(count.written);
    process.stderr.write(
      `${count.written} statements as known at ${exported.filter.knownAt}` +
        `${file ? ` written to ${flags.out}` : ''}\n`,
    );
    return EXIT.ok;
  });
}

async function* texts(
  exported: StatementExport,
  progress: Progress,
  count: { written: number },
): AsyncGenerator<string> {
  for await (const page of exported.pages()) {
    yield page.text;
    count.written += page.statements;
    progress.update(count.written);
  }
}
