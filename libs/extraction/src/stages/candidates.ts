/**
 * Candidates: a statement for each speaker of each attributed verb, and for "according to X";
 * with its sentence span, quotation, allegation and confidence. Coordinated verbs of one
 * speaker become one statement; several verbs in a sentence share its quotations out.
 */
import { KIND_PRIORITY, TAKES_TARGET_OBJECT } from '../lexicon/verbs';
import { Sentence, Token } from '../text';
import { Context, rememberRole } from './context';
import { objectStart, phraseRight } from './phrases';
import { resolvePhrase } from './speakers';
import { targetsOf } from './targets';
import {
  ActorRef,
  Attributed,
  Candidate,
  Found,
  SentenceAt,
  Speaker,
  UnnamedRole,
  Verb,
} from './types';

/** The statements of the attributed verbs: one for each speaker of each verb. */
export function attributedStatements(
  at: SentenceAt,
  attributed: Attributed[],
  context: Context,
): { found: Found[]; unnamed: UnnamedRole[] } {
  const tokens = at.sentences[at.index].tokens;
  const found: Found[] = [];
  const unnamed: UnnamedRole[] = [];
  for (const { verb, speakers, gerund, coordinated } of attributed) {
    const objectSpan = TAKES_TARGET_OBJECT.has(verb.lemma)
      ? phraseRight(tokens, objectStart(tokens, verb.last + 1))
      : null;
    const clauseEnd = nextClause(attributed, verb);
    const clauseStart = previousClause(attributed, verb, speakers);
    for (const speaker of speakers) {
      const candidate = build(at, speaker, verb, objectSpan, context, clauseEnd, clauseStart);
      candidate.confidence = round2(candidate.confidence - (gerund ? 0.1 : 0));
      found.push({ candidate, verbIndex: verb.index, coordinated });
      if (speaker.unnamedRole) unnamed.push({ candidate, role: speaker.unnamedRole });
      else if (speaker.titled && speaker.span) rememberRole(tokens, speaker, context);
    }
  }
  return { found, unnamed };
}

/** Where the next statement of the sentence begins: its words are not this one's. */
function nextClause(attributed: Attributed[], verb: Verb): number {
  const next =
    attributed.length < 2
      ? []
      : attributed
          .filter((a) => a.verb.index > verb.index && !a.coordinated)
          .map((a) =>
            Math.min(a.verb.index, ...a.speakers.map((s) => s.span?.[0] ?? a.verb.index)),
          );
  return Math.min(Infinity, ...next);
}

/**
 * Where the statement before ends: an earlier statement of the sentence is not what this one
 * said ("The UN welcomed the Turkish initiative, and Guterres said …").
 */
function previousClause(attributed: Attributed[], verb: Verb, speakers: Speaker[]): number {
  let clauseStart = -1;
  for (const a of attributed)
    if (a.verb.index < verb.index && !a.coordinated && a.speakers !== speakers)
      clauseStart = Math.max(clauseStart, a.verb.last);
  return clauseStart;
}

/** "according to X, …": a statement whose speaker follows the phrase. */
export function accordingTo(at: SentenceAt, context: Context): Found[] {
  const tokens = at.sentences[at.index].tokens;
  const found: Found[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].quoted || tokens[i].lower !== 'according' || tokens[i + 1].lower !== 'to')
      continue;
    const span = phraseRight(tokens, i + 2);
    if (!span) continue;
    for (const speaker of resolvePhrase(tokens, span, at.mentions, context, false)) {
      if (speaker.via === 'document' || speaker.via === 'pronoun') continue;
      const verb: Verb = { index: i, last: i + 1, lemma: 'according to', kind: 'statement' };
      const candidate = build(at, { ...speaker, via: 'according-to' }, verb, null, context);
      candidate.confidence = 0.75;
      found.push({ candidate, verbIndex: i, coordinated: false });
    }
  }
  return found;
}

export function build(
  at: SentenceAt,
  speaker: Speaker,
  verb: Verb,
  objectSpan: [number, number] | null,
  context: Context,
  /** Where the next statement of the sentence begins: its words are not this one's. */
  clauseEnd = Infinity,
  /** Where the one before ends. */
  clauseStart = -1,
): Candidate {
  const { text, sentences, index } = at;
  const tokens = sentences[index].tokens;
  const [start, end] = statementSpan(sentences, index);
  const targets = targetsOf(at, speaker, verb, objectSpan, context, clauseEnd, clauseStart);
  const quote = quoteOf(text, sentences, index);
  const allegation =
    verb.kind === 'accusation'
      ? allegationOf(text, tokens, objectSpan ? objectSpan[1] : verb.last + 1)
      : null;
  let confidence = speakerConfidence(speaker);
  if (quote) confidence += 0.05;
  return {
    speaker: speaker.speaker,
    principal: speaker.principal,
    kind: verb.kind,
    targets: dedupe(targets),
    quote,
    allegation,
    text: text.slice(start, end),
    start,
    end,
    confidence: round2(Math.min(confidence, 0.95)),
    via: speaker.via,
    verb: tokens[verb.index] ? text.slice(tokens[verb.index].start, tokens[verb.last].end) : null,
  };
}

/** What an accusation alleges, from `after` its object: "of …", "that …", "for …". */
function allegationOf(text: string, tokens: Token[], after: number): string | null {
  const opener = tokens[after]?.lower;
  if (opener !== 'of' && opener !== 'that' && opener !== 'for') return null;
  const last = tokens.length - 1 - (tokens[tokens.length - 1].pos === 'PUNCT' ? 1 : 0);
  const stop = tokens.findIndex(
    (t, i) => i > after && (t.text === ';' || (t.pos === 'SCONJ' && i > after + 1 && !t.quoted)),
  );
  const endToken = tokens[stop > 0 ? stop - 1 : last];
  return text.slice(tokens[after].start, endToken.end).replace(/[\s,”"]+$/, '');
}

/** How sure the speaker is, by how it was found. */
function speakerConfidence(speaker: Speaker): number {
  return speaker.via === 'named'
    ? speaker.speaker.proposed
      ? 0.7
      : 0.85
    : speaker.via === 'near-name'
      ? 0.7
      : speaker.via === 'pronoun' || speaker.via === 'continuation'
        ? 0.7
        : 0.6;
}

/** A sentence whose quotation goes on into the next. */
function runsOnward(s: Sentence): boolean {
  const final = s.tokens[s.tokens.length - 1];
  return final.quoted || final.mark === 'open';
}

/** The sentence, widened to the sentences a quotation in it spans. */
export function statementSpan(sentences: Sentence[], index: number): [number, number] {
  let first = index;
  let last = index;
  while (
    first > 0 &&
    sentences[first].tokens[0]?.quoted &&
    sentences[first - 1].paragraph === sentences[index].paragraph
  )
    first--;
  while (
    last + 1 < sentences.length &&
    runsOnward(sentences[last]) &&
    sentences[last + 1].paragraph === sentences[index].paragraph
  )
    last++;
  return [sentences[first].start, sentences[last].end];
}

/** The quotations within the statement's span. */
function quoteOf(text: string, sentences: Sentence[], index: number): string | null {
  const [start, end] = statementSpan(sentences, index);
  const runs: string[] = [];
  let runStart: number | null = null;
  let runEnd = 0;
  let first = index;
  while (first > 0 && sentences[first - 1].end >= start) first--;
  for (let s = first; s < sentences.length && sentences[s].start <= end; s++) {
    for (const token of sentences[s].tokens) {
      if (token.quoted) {
        runStart ??= token.start;
        runEnd = token.end;
      } else if (token.mark === 'close' && runStart !== null) {
        runs.push(text.slice(runStart, runEnd));
        runStart = null;
      }
    }
  }
  if (runStart !== null) runs.push(text.slice(runStart, runEnd));
  const quote = runs
    .map((r) => r.replace(/[\s,]+$/, ''))
    .filter((r) => r.length > 0)
    .join(' … ');
  return quote.length > 0 ? quote : null;
}

/**
 * Several reporting verbs in one sentence ("China warned NATO “…” after the alliance accused
 * Beijing …"): each quotation goes to the statement whose verb is nearest.
 */
export function shareQuotes(text: string, tokens: Token[], found: Found[]): void {
  const runs: Array<{ at: number; text: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].quoted) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].quoted) j++;
    runs.push({ at: i, text: text.slice(tokens[i].start, tokens[j].end).replace(/[\s,]+$/, '') });
    i = j;
  }
  const quotes = new Map<number, string[]>();
  for (const run of runs) {
    let nearest = found[0].verbIndex;
    for (const c of found)
      if (Math.abs(c.verbIndex - run.at) < Math.abs(nearest - run.at)) nearest = c.verbIndex;
    quotes.set(nearest, [...(quotes.get(nearest) ?? []), run.text]);
  }
  for (const c of found) {
    const own = quotes.get(c.verbIndex);
    c.candidate.quote = own ? own.join(' … ') : null;
  }
}

/** Coordinated verbs of one speaker ("denied … and stressed …") are one statement. */
export function mergeBySpeaker(found: Found[]): Candidate[] {
  if (found.length === 1) return [found[0].candidate];
  const kept: Candidate[] = [];
  const bySpeaker = new Map<string, Candidate>();
  for (const { candidate, coordinated } of [...found].sort((a, b) => a.verbIndex - b.verbIndex)) {
    const known = bySpeaker.get(candidate.speaker.id);
    if (!known || !coordinated) {
      bySpeaker.set(candidate.speaker.id, candidate);
      kept.push(candidate);
      continue;
    }
    // The stronger verb's targets stand ("said the report was biased and accused France,
    // Germany and Britain of using the agency" is about the three).
    if (KIND_PRIORITY.indexOf(candidate.kind) < KIND_PRIORITY.indexOf(known.kind)) {
      known.kind = candidate.kind;
      known.verb = candidate.verb;
      known.allegation = candidate.allegation ?? known.allegation;
      if (candidate.targets.length > 0) known.targets = candidate.targets;
    } else if (known.targets.length === 0) known.targets = candidate.targets;
    if (candidate.quote && candidate.quote !== known.quote)
      known.quote = known.quote ? `${known.quote} … ${candidate.quote}` : candidate.quote;
  }
  return kept;
}

function dedupe(actors: ActorRef[]): ActorRef[] {
  const seen = new Set<string>();
  return actors.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
