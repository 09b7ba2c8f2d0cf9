/**
 * Extraction speed: articles and sentences per second through the extractor on a large batch
 * (the development corpus and the fixture article, repeated), beside the NLP library alone
 * reading the same texts (sentence split + part-of-speech tags, what the extractor builds
 * on), in the same run.
 *
 * The extractor measured is the one the service runs: libs/extraction as TypeScript emits it
 * for `nest build` (same compiler options), not the on-the-fly transform the bench itself
 * runs under (tsx keeps function names at run time, which costs the extractor about a tenth).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type * as Extraction from '@app/extraction';
import { median, printTable, round2 } from './support';

/** libs/extraction compiled with the project's compiler options into .data/, loaded from there. */
function compiledExtraction(root: string): { module: typeof Extraction; dispose: () => void } {
  const source = join(root, 'libs/extraction/src');
  const out = join(root, '.data', `bench-extraction-${process.pid}`);
  const config = ts.readConfigFile(join(root, 'tsconfig.build.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  mkdirSync(out, { recursive: true });
  // The library's folders too (its stages and lexicon).
  for (const file of readdirSync(source, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(source, file), 'utf8'), {
      compilerOptions: { ...options, sourceMap: false, outDir: undefined },
      fileName: file,
    });
    const target = join(out, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(out, 'index.js')) as typeof Extraction;
  return { module, dispose: () => rmSync(out, { recursive: true, force: true }) };
}

const ARTICLES = 3_000;

export async function benchExtract(rounds: number): Promise<Record<string, number>> {
  const root = join(__dirname, '..');
  const dir = join(root, 'test/fixtures/extraction/dev');
  const texts = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(dir, f), 'utf8')),
    readFileSync(join(root, 'test/fixtures/articles/summit-week.txt'), 'utf8'),
  ];
  const compiled = compiledExtraction(root);
  process.once('exit', compiled.dispose);
  const { analyse, extract } = compiled.module;
  const batch = Array.from({ length: ARTICLES }, (_, i) => texts[i % texts.length]);
  const sentences = batch.reduce((n, text) => n + analyse(text).length, 0);
  // Splitting and tagging only, as the extractor configures it.
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  const raw = (texts: string[]) => {
    for (const text of texts) {
      const doc = nlp.readDoc(text);
      doc.tokens().out(its.pos);
      doc.sentences().out();
    }
  };
  let statements = 0;
  const ours = (texts: string[]) => {
    for (const text of texts) statements += extract(text).length;
  };
  const time = (work: (texts: string[]) => unknown, texts: string[]) => {
    const started = process.hrtime.bigint();
    work(texts);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  time(raw, batch); // warm-up, unmeasured
  time(ours, batch);
  const oursSeconds: number[] = [];
  const rawSeconds: number[] = [];
  const ratios: number[] = [];
  // Both sides take turns on slices of the batch, so a busy moment of the machine falls on
  // both alike; the ratio is the median of the slices' ratios.
  const SLICE = 100;
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`round ${round}/${rounds}…\n`);
    let r = 0;
    let o = 0;
    statements = 0;
    for (let at = 0; at < batch.length; at += SLICE) {
      const slice = batch.slice(at, at + SLICE);
      const rawSlice = time(raw, slice);
      const oursSlice = time(ours, slice);
      r += rawSlice;
      o += oursSlice;
      ratios.push(rawSlice / oursSlice);
    }
    rawSeconds.push(r);
    oursSeconds.push(o);
  }
  compiled.dispose();
  const o = median(oursSeconds);
  const r = median(rawSeconds);
  const ratio = median(ratios);
  printTable(
    `extraction, ${ARTICLES} articles (${sentences} sentences, ${statements} statements found), median of ${rounds} rounds`,
    [
      ['articles/s', ARTICLES / o, ARTICLES / r, ratio],
      ['sentences/s', sentences / o, sentences / r, ratio],
    ],
    ['', 'extractor', 'NLP alone', 'ratio'],
  );
  return {
    articles_per_s: Math.round(ARTICLES / o),
    sentences_per_s: Math.round(sentences / o),
    raw_nlp_sentences_per_s: Math.round(sentences / r),
    ratio: round2(ratio),
  };
}
