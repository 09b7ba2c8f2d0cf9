/**
 * Extraction speed: articles and sentences per second through the extractor on a large batch
 * (the development corpus and the fixture article, repeated), beside the NLP library alone
 * reading the same texts (sentence split + part-of-speech tags, what the extractor builds
 * on), in the same run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { analyse, extract } from '@app/extraction';
import { median, printTable, round2 } from './support';

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
  // Both sides take turns on slices of the batch, so a busy moment of the machine falls on
  // both alike.
  const SLICE = 250;
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`round ${round}/${rounds}…\n`);
    let r = 0;
    let o = 0;
    statements = 0;
    for (let at = 0; at < batch.length; at += SLICE) {
      const slice = batch.slice(at, at + SLICE);
      r += time(raw, slice);
      o += time(ours, slice);
    }
    rawSeconds.push(r);
    oursSeconds.push(o);
  }
  const o = median(oursSeconds);
  const r = median(rawSeconds);
  printTable(
    `extraction, ${ARTICLES} articles (${sentences} sentences, ${statements} statements found), median of ${rounds} rounds`,
    [
      ['articles/s', ARTICLES / o, ARTICLES / r, r / o],
      ['sentences/s', sentences / o, sentences / r, r / o],
    ],
    ['', 'extractor', 'NLP alone', 'ratio'],
  );
  return {
    articles_per_s: Math.round(ARTICLES / o),
    sentences_per_s: Math.round(sentences / o),
    raw_nlp_sentences_per_s: Math.round(sentences / r),
    ratio: round2(r / o),
  };
}
