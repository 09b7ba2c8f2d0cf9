/**
 * Article text → paragraphs → sentences → tokens with character offsets, parts of speech,
 * lemmas, and whether each token is inside a quotation (quotes may span sentences). The NLP
 * library (wink-nlp with its English lite model, offline) splits and tags; offsets are ours,
 * rebuilt from each token's preceding whitespace, so they index the original text exactly.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { BODY_NOUNS } from './lexicon/organisations';
import { ROLE_NOUNS } from './lexicon/people';
import { baseForm } from './lexicon/verbs';
import { normaliseWord } from './gazetteer';

export interface Token {
  text: string;
  /** The text with typographic apostrophes as plain ones (what the gazetteer matches). */
  word: string;
  /** …in lower case. */
  lower: string;
  /** Lower-case base form of the words the extractor reads ("said" → "say"); else the word. */
  lemma: string;
  /** Universal POS tag (NOUN, PROPN, VERB, …). */
  pos: string;
  start: number;
  end: number;
  /** Inside a quotation (the marks themselves are not). */
  quoted: boolean;
  /** 'open' / 'close' for quotation marks. */
  mark: 'open' | 'close' | null;
}

export interface Sentence {
  tokens: Token[];
  start: number;
  end: number;
  paragraph: number;
}

// Sentence boundaries and part-of-speech tags are all the extractor reads: the library's
// entity, negation and sentiment passes are left out (a third of its time).
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

/** The library's word split, for names in the gazetteer (so "Russia's" splits as in text). */
export function splitWords(text: string): string[] {
  return nlp
    .readDoc(text)
    .tokens()
    .out()
    .filter((t) => t.trim() !== '');
}

const LEMMATISED = new Set(['VERB', 'AUX', 'NOUN', 'ADJ', 'PART']);

const OPENING = new Set(['“', '‘‘', '«']);
const CLOSING = new Set(['”', '’’', '»']);

/**
 * Sentences of the whole text, paragraph by paragraph: a line break ends a paragraph, and a
 * sentence never runs across one. The text is read once (per-paragraph reads cost the library
 * its fixed work many times over).
 */
export function analyse(text: string): Sentence[] {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out();
  const pos = doc.tokens().out(its.pos);
  const tokens: Token[] = [];
  const paragraphOf: number[] = [];
  let paragraph = 0;
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    // Each token is found verbatim after the last; what lies between is its preceding space.
    const value = values[i];
    let start = at;
    let c = text.charCodeAt(start);
    while (isSpace(c)) c = text.charCodeAt(++start);
    // (The first and last characters tell; the whole comparison costs more than it checks.)
    if (
      text.charCodeAt(start) !== value.charCodeAt(0) ||
      text.charCodeAt(start + value.length - 1) !== value.charCodeAt(value.length - 1)
    ) {
      const found = text.indexOf(value, at);
      start = found < 0 ? at : found;
    }
    for (let k = at; k < start; k++)
      if (text.charCodeAt(k) === 10) {
        paragraph++;
        break;
      }
    at = start;
    if (isSpace(value.charCodeAt(0)) && value.includes('\n')) paragraph++;
    const word = normaliseWord(value);
    const lower = word.toLowerCase();
    tokens.push({
      text: value,
      word,
      lower,
      // Only verbs, and nouns and adjectives the tagger may have taken for them, are looked up.
      lemma: LEMMATISED.has(pos[i]) ? baseForm(lower) : lower,
      pos: pos[i],
      start: at,
      end: at + values[i].length,
      quoted: false,
      mark: null,
    });
    paragraphOf.push(paragraph);
    at += values[i].length;
  }
  markQuotes(tokens, paragraphOf);
  const sentences: Sentence[] = [];
  let numbered = -1;
  let lastParagraph = -1;
  const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
  for (let s = 0; s < spans.length; s++) {
    const last = spans[s][1];
    let words: Token[] = [];
    let wordsParagraph = -1;
    // A sentence never runs across a paragraph: a line break inside one splits it.
    for (let i = spans[s][0]; i <= last + 1; i++) {
      const token = i <= last ? tokens[i] : undefined;
      if (token && (token.pos === 'SPACE' || isSpace(token.text.charCodeAt(0)))) continue;
      if (token === undefined || paragraphOf[i] !== wordsParagraph) {
        if (words.length > 0) {
          if (wordsParagraph !== lastParagraph) numbered++;
          lastParagraph = wordsParagraph;
          sentences.push({
            tokens: words,
            start: words[0].start,
            end: words[words.length - 1].end,
            paragraph: numbered,
          });
          words = [];
        }
        if (token === undefined) break;
        wordsParagraph = paragraphOf[i];
      }
      // A capitalised adverb or verb inside a sentence is a name ("the app Swiftly"), and so
      // is a capitalised noun before one after a comma or a verb ("…, Rain Newton-Smith,"),
      // unless it is a title.
      if (
        (token.pos === 'ADV' ||
          token.pos === 'VERB' ||
          (token.pos === 'NOUN' &&
            tokens[i + 1]?.pos === 'PROPN' &&
            (words[words.length - 1]?.text === ',' || words[words.length - 1]?.pos === 'VERB') &&
            !ROLE_NOUNS.has(token.lower) &&
            !BODY_NOUNS.has(token.lower))) &&
        words.length > 0 &&
        !words[words.length - 1].mark &&
        words[words.length - 1].text !== ':' &&
        isCapitalisedWord(token.text)
      ) {
        token.pos = 'PROPN';
        token.lemma = token.lower;
      }
      words.push(token);
    }
  }
  return sentences;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 160 || (c >= 0x2000 && c <= 0x200a);
}

/** A capital then a lower-case letter ("Swiftly", not "US" or "a"). */
function isCapitalisedWord(text: string): boolean {
  const a = text.charCodeAt(0);
  const b = text.charCodeAt(1);
  return a >= 65 && a <= 90 && b >= 97 && b <= 122;
}

/**
 * Marks quotation marks and what they enclose. Curly quotes say which way they face; a
 * straight " opens when nothing is open and closes otherwise.
 */
function markQuotes(tokens: Token[], paragraphOf: number[]): void {
  let open = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // A quotation left open at the end of a paragraph does not run into the next one.
    if (i > 0 && paragraphOf[i] !== paragraphOf[i - 1]) open = false;
    const t = token.text;
    if (t === '"' || t === '``' || t === "''") {
      token.mark = open ? 'close' : 'open';
      open = !open;
    } else if (OPENING.has(t)) {
      token.mark = 'open';
      open = true;
    } else if (CLOSING.has(t)) {
      token.mark = 'close';
      open = false;
    } else token.quoted = open;
  }
}
