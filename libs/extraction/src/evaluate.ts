/**
 * Scores extracted statements against labelled ones. A labelled statement is anchored by a
 * phrase of the article (unique in it); an extracted statement matches it when its span holds
 * the anchor and the speaker (and, for the strict score, the kind) agree. Matching is one to
 * one, in text order. Target accuracy: of the labelled statements matched by speaker, the
 * share whose targets are exactly the labelled set.
 */
import type { Candidate } from './extract';
import type { StatementKind } from './lexicon';

export interface GoldStatement {
  anchor: string;
  speaker: string;
  principal: string | null;
  kind: StatementKind;
  targets: string[];
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  matched: number;
}

export interface Evaluation {
  documents: number;
  gold: number;
  extracted: number;
  speakerKind: Scores;
  speaker: Scores;
  targetAccuracy: number;
  /** Labelled statements missed (strict), and extracted ones that match nothing (strict). */
  misses: Array<{ document: string; gold: GoldStatement; got: Candidate | null }>;
  spurious: Array<{ document: string; candidate: Candidate }>;
  /** Labelled statements matched by speaker whose targets differ. */
  wrongTargets: Array<{ document: string; gold: GoldStatement; got: string[] }>;
}

export interface LabelledDocument {
  name: string;
  text: string;
  gold: GoldStatement[];
  extracted: Candidate[];
}

export function evaluate(documents: LabelledDocument[]): Evaluation {
  let gold = 0;
  let extracted = 0;
  let strict = 0;
  let loose = 0;
  let targetsRight = 0;
  const misses: Evaluation['misses'] = [];
  const spurious: Evaluation['spurious'] = [];
  const wrongTargets: Evaluation['wrongTargets'] = [];
  for (const doc of documents) {
    gold += doc.gold.length;
    extracted += doc.extracted.length;
    const at = doc.gold.map((g) => {
      const index = doc.text.indexOf(g.anchor);
      if (index < 0 || doc.text.indexOf(g.anchor, index + 1) >= 0)
        throw new Error(`${doc.name}: anchor "${g.anchor}" must occur exactly once`);
      return index;
    });
    const holds = (c: Candidate, i: number) => c.start <= at[i] && at[i] < c.end;
    const pair = (same: (c: Candidate, g: GoldStatement) => boolean) => {
      const used = new Set<Candidate>();
      return doc.gold.map((g, i) => {
        const c = doc.extracted.find((x) => !used.has(x) && holds(x, i) && same(x, g)) ?? null;
        if (c) used.add(c);
        return c;
      });
    };
    const bySpeaker = pair((c, g) => c.speaker.id === g.speaker);
    const byKind = pair((c, g) => c.speaker.id === g.speaker && c.kind === g.kind);
    doc.gold.forEach((g, i) => {
      const c = bySpeaker[i];
      if (c) {
        loose++;
        const want = [...g.targets].sort().join(',');
        const ids = [...new Set(c.targets.map((t) => t.id))].sort();
        if (want === ids.join(',')) targetsRight++;
        else wrongTargets.push({ document: doc.name, gold: g, got: ids });
      }
      if (byKind[i]) strict++;
      else
        misses.push({
          document: doc.name,
          gold: g,
          got: c ?? doc.extracted.find((x) => holds(x, i)) ?? null,
        });
    });
    const used = new Set(byKind.filter((c): c is Candidate => c !== null));
    for (const c of doc.extracted)
      if (!used.has(c)) spurious.push({ document: doc.name, candidate: c });
  }
  return {
    documents: documents.length,
    gold,
    extracted,
    speakerKind: scores(strict, extracted, gold),
    speaker: scores(loose, extracted, gold),
    targetAccuracy: loose === 0 ? 0 : round3(targetsRight / loose),
    misses,
    spurious,
    wrongTargets,
  };
}

function scores(matched: number, extracted: number, gold: number): Scores {
  const precision = extracted === 0 ? 0 : matched / extracted;
  const recall = gold === 0 ? 0 : matched / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round3(precision), recall: round3(recall), f1: round3(f1), matched };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
