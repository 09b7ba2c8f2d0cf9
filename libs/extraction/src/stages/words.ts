/**
 * Tokens as parts of names: which words are capitalised, which could belong to a person's or
 * an organisation's name, and how far a name runs.
 */
import { BODY_NOUNS, DESCRIPTOR_NOUNS, DOCUMENT_NOUNS } from '../lexicon/organisations';
import { NAME_PARTICLES, NOT_NAMES, TITLE_WORDS } from '../lexicon/people';
import { Token } from '../text';

export function isCapitalised(token: Token): boolean {
  const c = token.text.charCodeAt(0);
  return ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xdd)) && !NOT_NAMES.has(token.text);
}

/**
 * A word that can be part of a name: a capitalised proper noun, or a word the tagger calls a
 * common noun but that is written like a name ("SkyLark", "OSCE").
 */
export function isNameWord(token: Token): boolean {
  if (!isCapitalised(token)) return false;
  return token.pos === 'PROPN' || /^[A-Z][a-z]+[A-Z]|^[A-Z]{2,}$/.test(token.text);
}

/**
 * A token of a name: a name word, a particle between name words, or a hyphenated part
 * written without spaces ("Lai Ching-te").
 */
export function isNamePart(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (isNameWord(t)) return true;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (
    NAME_PARTICLES.has(t.text) &&
    prev &&
    next &&
    isNameWord(next) &&
    (isNameWord(prev) || NAME_PARTICLES.has(prev.text))
  )
    return true;
  // "Majed al-Ansari": a particle joined to the name after it.
  if (
    NAME_PARTICLES.has(t.text) &&
    next?.text === '-' &&
    next.start === t.end &&
    tokens[i + 2] &&
    tokens[i + 2].start === next.end &&
    isNameWord(tokens[i + 2])
  )
    return true;
  if (t.text === '-')
    return (
      !!prev &&
      !!next &&
      prev.end === t.start &&
      t.end === next.start &&
      (isNameWord(prev) || (NAME_PARTICLES.has(prev.text) && isNameWord(next)))
    );
  return (
    !!prev &&
    prev.text === '-' &&
    prev.end === t.start &&
    /^[a-z]+$/.test(t.text) &&
    i >= 2 &&
    tokens[i - 2].end === prev.start &&
    isNameWord(tokens[i - 2])
  );
}

/** The words of a name, hyphenated parts joined again ("Ching", "-", "te" → "Ching-te"). */
export function nameWords(tokens: Token[], from: number, to: number): string[] {
  const words: string[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (i > from && t.start === tokens[i - 1].end && (t.text === '-' || tokens[i - 1].text === '-'))
      words[words.length - 1] += t.text;
    else words.push(t.text);
  }
  return words;
}

/** Capitalised proper nouns from `at` that could be a name (no titles, roles or bodies). */
export function nameRun(tokens: Token[], at: number): number {
  let n = 0;
  while (at + n < tokens.length && n < 6) {
    const t = tokens[at + n];
    const lower = t.lower;
    if (
      t.quoted ||
      !isNamePart(tokens, at + n) ||
      TITLE_WORDS.has(lower) ||
      BODY_NOUNS.has(lower) ||
      DESCRIPTOR_NOUNS.has(lower) ||
      DOCUMENT_NOUNS.has(lower)
    )
      break;
    n++;
  }
  return n;
}

export function isPossessive(token: Token): boolean {
  return token.text === "'s" || token.text === '’s' || token.text === "'" || token.text === '’';
}
