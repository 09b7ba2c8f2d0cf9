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
  const raw = () => {
    let n = 0;
    for (const text of batch) {
      const doc = nlp.readDoc(text);
      doc.tokens().out(its.pos);
      n += doc.sentences().out().length;
    }
    return n;
  };
  let statements = 0;
  const ours = () => {
    statements = 0;
    for (const text of batch) statements += extract(text).length;
  };
  const time = (work: () => unknown) => {
    const started = process.hrtime.bigint();
    work();
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  time(raw); // warm-up, unmeasured
  time(ours);
  const oursSeconds: number[] = [];
  const rawSeconds: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`round ${round}/${rounds}…\n`);
    rawSeconds.push(time(raw));
    oursSeconds.push(time(ours));
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
