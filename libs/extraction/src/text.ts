/**
 * Article text → paragraphs → sentences → tokens with character offsets, parts of speech,
 * lemmas, and whether each token is inside a quotation (quotes may span sentences). The NLP
 * library (wink-nlp with its English lite model, offline) splits and tags; offsets are ours,
 * rebuilt from each token's preceding whitespace, so they index the original text exactly.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { baseForm } from './lexicon';
import { normaliseWord } from './gazetteer';

export interface Token {
  text: string;
  /** Lower case, with typographic apostrophes as plain ones. */
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
  const spaces = doc.tokens().out(its.precedingSpaces as never) as unknown as string[];
  const pos = doc.tokens().out(its.pos);
  const tokens: Token[] = [];
  const paragraphOf: number[] = [];
  let paragraph = 0;
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    if (spaces[i].includes('\n')) paragraph++;
    at += spaces[i].length;
    if (values[i].includes('\n')) paragraph++;
    const lower = normaliseWord(values[i]).toLowerCase();
    tokens.push({
      text: values[i],
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
  for (const [first, last] of doc.sentences().out(its.span) as unknown as Array<[number, number]>) {
    let words: Token[] = [];
    let wordsParagraph = -1;
    const flush = () => {
      if (words.length === 0) return;
      if (wordsParagraph !== lastParagraph) numbered++;
      lastParagraph = wordsParagraph;
      sentences.push({
        tokens: words,
        start: words[0].start,
        end: words[words.length - 1].end,
        paragraph: numbered,
      });
      words = [];
    };
    for (let i = first; i <= last; i++) {
      if (tokens[i].pos === 'SPACE' || tokens[i].text.trim() === '') continue;
      if (paragraphOf[i] !== wordsParagraph) {
        flush();
        wordsParagraph = paragraphOf[i];
      }
      const token = tokens[i];
      // A capitalised adverb or verb inside a sentence is a name ("the app Swiftly").
      if (
        (token.pos === 'ADV' || token.pos === 'VERB') &&
        words.length > 0 &&
        !words[words.length - 1].mark &&
        words[words.length - 1].text !== ':' &&
        /^[A-Z][a-z]/.test(token.text)
      ) {
        token.pos = 'PROPN';
        token.lemma = token.lower;
      }
      words.push(token);
    }
    flush();
  }
  return sentences;
}

/**
 * Marks quotation marks and what they enclose. Curly quotes say which way they face; a
 * straight " opens when nothing is open and closes otherwise.
 */
function markQuotes(tokens: Token[], paragraphOf: number[]): void {
  let open = false;
  for (const [i, token] of tokens.entries()) {
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
