/** The work of `cli audit changes|history`: the same queries as GET /audit/changes. */
import { NotFoundException } from '@nestjs/common';
import { type AuditChange, AuditChangesQuery, AuditHistoryQuery } from '@app/application';
import { withApplication } from './application';
import { EXIT } from './options';
import { startProgress } from './progress';

const PAGE = 500;

export function auditChanges(flags: {
  from: string;
  to?: string;
  json?: boolean;
  format: 'text' | 'jsonl';
  quiet?: boolean;
}): Promise<number> {
  return withApplication(async ({ queries }) => {
    const progress = startProgress({
      label: 'reading changes',
      unit: 'changes',
      quiet: flags.quiet,
    });
    const collected: AuditChange[] = [];
    let cursor: string | undefined;
    let window = { from: flags.from, to: flags.to ?? '' };
    let count = 0;
    try {
      do {
        const page = await queries.execute(
          new AuditChangesQuery(flags.from, flags.to, PAGE, cursor),
        );
        // Every page reads the window the first one fixed ("now" once).
        window = { from: page.from, to: page.to };
        flags = { ...flags, to: page.to };
        for (const change of page.items) {
          if (flags.json) collected.push(change);
          else if (flags.format === 'jsonl') process.stdout.write(`${JSON.stringify(change)}\n`);
          else process.stdout.write(`${describe(change)}\n`);
        }
        count += page.items.length;
        progress.update(count);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      progress.finish(count);
    } catch (error) {
      progress.abort();
      throw error;
    }
    if (flags.json) process.stdout.write(`${JSON.stringify({ ...window, changes: collected })}\n`);
    else if (flags.format === 'text')
      process.stdout.write(`${count} changes recorded from ${window.from} to ${window.to}\n`);
    return EXIT.ok;
  });
}

export function auditHistory(
  recordId: string,
  flags: { kind?: string; json?: boolean },
): Promise<number> {
  return withApplication(async ({ queries }) => {
    try {
      const history = await queries.execute(new AuditHistoryQuery(recordId, flags.kind));
      process.stdout.write(
        flags.json
          ? `${JSON.stringify(history)}\n`
          : `${history.changes.map(describe).join('\n')}\n`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof NotFoundException) {
        process.stderr.write(`audit history: ${error.message}\n`);
        return EXIT.problem;
      }
      throw error;
    }
  });
}

/** A change for a person: one headline, then its before → after and why. */
export function describe(change: AuditChange): string {
  const record = `${change.record.kind} ${change.record.id}${change.record.version ? ` v${change.record.version}` : ''}`;
  const lines = [
    `${change.at}  ${change.change.padEnd(22)} ${record}${change.who ? `  by ${change.who}` : ''}`,
    `    ${change.summary}`,
  ];
  if (change.before || change.after)
    for (const field of new Set([
      ...Object.keys(change.before ?? {}),
      ...Object.keys(change.after ?? {}),
    ]))
      lines.push(
        `    ${field}: ${JSON.stringify(change.before?.[field] ?? null)} → ${JSON.stringify(change.after?.[field] ?? null)}`,
      );
  if (change.why) lines.push(`    why: ${change.why}`);
  return lines.join('\n');
}
