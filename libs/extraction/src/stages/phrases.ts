/**
 * Noun phrases around a verb: where the phrase to its left begins (its subject), where the one
 * to its right ends (its object, or an inverted subject), and what lies between.
 */
import { TITLE_WORDS } from '../lexicon/people';
import { NP_POS, OBJECT_LEADS, PHRASE_LINKS, TIME_WORDS } from '../lexicon/phrases';
import { Token } from '../text';
import { isPossessive } from './words';

/** Skips leftwards over auxiliaries, adverbs and a time phrase between a subject and its verb. */
export function skipLeft(tokens: Token[], from: number): number {
  let i = from;
  while (i >= 0) {
    const t = tokens[i];
    const lower = t.lower;
    if (
      t.pos === 'AUX' ||
      t.pos === 'ADV' ||
      (t.pos === 'PART' && lower !== "'s" && lower !== '’s')
    )
      i--;
    else if (TIME_WORDS.has(lower) || t.pos === 'NUM') i--;
    else break;
  }
  return i;
}

/** The noun phrase ending at `end` (inclusive), leftwards: [from, end + 1). */
export function phraseLeft(tokens: Token[], end: number): [number, number] | null {
  let i = end;
  while (i >= 0) {
    const t = tokens[i];
    if (t.mark || t.quoted) break;
    const lower = t.lower;
    if (NP_POS.has(t.pos) || isPossessive(t) || t.text === '.' || t.text === '-') {
      i--;
      continue;
    }
    // "army-backed": a word joined to the one before by a hyphen.
    if (i > 1 && tokens[i - 1].text === '-' && tokens[i - 1].end === t.start) {
      i -= 2;
      continue;
    }
    // "spokesperson He Yadong": the surname He, not the pronoun.
    if (t.text === 'He' && i > 0 && i < end && TITLE_WORDS.has(tokens[i - 1].lower)) {
      i--;
      continue;
    }
    // "Secretary of State", "a spokesman for the European Union": a link between two nouns.
    if (PHRASE_LINKS.has(lower) && i > 0 && i < end && NP_POS.has(tokens[i - 1].pos)) {
      i--;
      continue;
    }
    break;
  }
  if (i === end) return null;
  let from = i + 1;
  // Never start on a link or a stray possessive.
  while (from <= end && (PHRASE_LINKS.has(tokens[from].lower) || isPossessive(tokens[from])))
    from++;
  return from <= end ? [from, end + 1] : null;
}

/** The noun phrase starting at `start`, rightwards: [start, to). */
export function phraseRight(tokens: Token[], start: number): [number, number] | null {
  let i = start;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.mark || (t.quoted && i > start)) break;
    const lower = t.lower;
    if (
      NP_POS.has(t.pos) ||
      isPossessive(t) ||
      (t.text === '.' && i > start && /^[A-Z]\.?$/.test(tokens[i - 1].text))
    ) {
      i++;
      continue;
    }
    if (
      PHRASE_LINKS.has(lower) &&
      lower !== 'and' &&
      i > start &&
      i + 1 < tokens.length &&
      NP_POS.has(tokens[i + 1].pos)
    ) {
      i++;
      continue;
    }
    if (lower === 'and' && i > start && i + 1 < tokens.length && tokens[i + 1].pos === 'PROPN') {
      i++;
      continue;
    }
    // "Rain Newton-Smith": a hyphen inside a word.
    if (
      t.text === '-' &&
      i > start &&
      i + 1 < tokens.length &&
      tokens[i - 1].end === t.start &&
      t.end === tokens[i + 1].start
    ) {
      i++;
      continue;
    }
    // "France, Germany and Britain": a list of names.
    if (lower === ',' && i > start && tokens[i - 1].pos === 'PROPN' && listGoesOn(tokens, i + 1)) {
      i++;
      continue;
    }
    break;
  }
  return i > start ? [start, i] : null;
}

/** Whether names from `at` run on to "and <name>" (the rest of a list after a comma). */
function listGoesOn(tokens: Token[], at: number): boolean {
  for (let i = at; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.lower === 'and') return i > at && tokens[i + 1]?.pos === 'PROPN';
    if (t.pos !== 'PROPN' && t.text !== ',') return false;
  }
  return false;
}

/** Where a verb's object starts: after "on", "upon", "to" and adverbs. */
export function objectStart(tokens: Token[], from: number): number {
  let i = from;
  while (i < tokens.length && (tokens[i].pos === 'ADV' || OBJECT_LEADS.has(tokens[i].lower))) i++;
  return i;
}
