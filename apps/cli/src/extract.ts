/**
 * `cli extract <file|-> [--format jsonl|text]`: candidate statements in an article, with no
 * database (the built-in gazetteer of common actors and aliases). jsonl prints one JSON object
 * per statement; text a line per statement for reading.
 */
import { readFileSync } from 'node:fs';
import { Candidate, extract } from '@app/extraction';

export function extractCommand(args: string[], format: string): number {
  const [file] = args;
  if (!file) {
    process.stderr.write('usage: cli extract <file|-> [--format jsonl|text]\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const candidates = extract(text);
  for (const candidate of candidates)
    process.stdout.write(
      `${format === 'text' ? asText(candidate) : JSON.stringify(asJson(candidate))}\n`,
    );
  process.stderr.write(`${candidates.length} statements\n`);
  return 0;
}

/** The documented line: speaker, principal, kind, targets, quote, text, offsets, confidence. */
export function asJson(c: Candidate) {
  const ref = (a: { id: string; name: string }) => ({ id: a.id, name: a.name });
  return {
    speaker: ref(c.speaker),
    principal: c.principal ? ref(c.principal) : null,
    kind: c.kind,
    targets: c.targets.map(ref),
    quote: c.quote,
    text: c.text,
    start: c.start,
    end: c.end,
    confidence: c.confidence,
  };
}

function asText(c: Candidate): string {
  const who = c.principal ? `${c.speaker.name} (for ${c.principal.name})` : c.speaker.name;
  const whom = c.targets.length ? ` → ${c.targets.map((t) => t.name).join(', ')}` : '';
  const quote = c.quote ? `  “${c.quote}”` : '';
  return `[${c.start}-${c.end}] ${who}: ${c.kind}${whom}${quote}  (${c.confidence})`;
}
