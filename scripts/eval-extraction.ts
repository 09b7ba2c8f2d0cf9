/**
 * `npm run eval:extraction [-- --dir D] [--json] [--verbose]`: precision, recall and F1 of the
 * extractor on a labelled corpus (each article `NN-name.txt` beside `NN-name.gold.json`), for
 * speaker + kind and for speaker alone, and target accuracy. --verbose lists every miss.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, extract, GoldStatement, LabelledDocument } from '@app/extraction';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'test/fixtures/extraction/dev' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const dir = resolve(values.dir!);
const documents: LabelledDocument[] = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((file) => {
    const name = file.replace(/\.txt$/, '');
    const text = readFileSync(join(dir, file), 'utf8');
    const gold = JSON.parse(
      readFileSync(join(dir, `${name}.gold.json`), 'utf8'),
    ) as GoldStatement[];
    return { name, text, gold, extracted: extract(text) };
  });
const result = evaluate(documents);
const summary = {
  documents: result.documents,
  gold: result.gold,
  extracted: result.extracted,
  speaker_kind: result.speakerKind,
  speaker: result.speaker,
  target_accuracy: result.targetAccuracy,
};
if (values.verbose) {
  for (const miss of result.misses)
    process.stderr.write(
      `miss  ${miss.document}: "${miss.gold.anchor}" ${miss.gold.speaker}/${miss.gold.kind}` +
        (miss.got ? `  got ${miss.got.speaker.id}/${miss.got.kind}` : '  got nothing') +
        '\n',
    );
  for (const wrong of result.wrongTargets)
    process.stderr.write(
      `target ${wrong.document}: "${wrong.gold.anchor}" want [${wrong.gold.targets.join(', ')}] got [${wrong.got.join(', ')}]\n`,
    );
  for (const extra of result.spurious)
    process.stderr.write(
      `extra ${extra.document}: ${extra.candidate.speaker.id}/${extra.candidate.kind} "${extra.candidate.text.slice(0, 70)}"\n`,
    );
}
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else {
  const row = (label: string, s: { precision: number; recall: number; f1: number }) =>
    `${label.padEnd(16)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(9)} ${s.f1.toFixed(3).padStart(9)}`;
  process.stdout.write(
    [
      `${result.documents} articles, ${result.gold} labelled statements, ${result.extracted} extracted (${dir})`,
      `${''.padEnd(16)} ${'precision'.padStart(9)} ${'recall'.padStart(9)} ${'F1'.padStart(9)}`,
      row('speaker + kind', result.speakerKind),
      row('speaker', result.speaker),
      `target accuracy  ${result.targetAccuracy.toFixed(3)}`,
      JSON.stringify(summary),
    ].join('\n') + '\n',
  );
}
