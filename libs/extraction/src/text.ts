/**
 * Article text → paragraphs → sentences → tokens with character offsets, parts of speech,
 * lemmas, and whether each token is inside a quotation (quotes may span sentences). The NLP
 * library (wink-nlp with its English lite model, offline) splits and tags; offsets are ours,
 * rebuilt from each token's preceding whitespace, so they index the original text exactly.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  text: string;
  /** Lower-case lemma ("said" → "say"). */
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

const nlp = winkNLP(model);
const its = nlp.its;

/** The library's word split, for names in the gazetteer (so "Russia's" splits as in text). */
export function splitWords(text: string): string[] {
  return nlp
    .readDoc(text)
    .tokens()
    .out()
    .filter((t) => t.trim() !== '');
}

const OPENING = new Set(['“', '‘‘', '«']);
const CLOSING = new Set(['”', '’’', '»']);

/** Sentences of the whole text, paragraph by paragraph (a blank or new line ends one). */
export function analyse(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const paragraphs = /[^\n]+/g;
  let paragraph = 0;
  for (let match = paragraphs.exec(text); match; match = paragraphs.exec(text)) {
    if (match[0].trim() === '') continue;
    analyseParagraph(match[0], match.index, paragraph++, sentences);
  }
  return sentences;
}

function analyseParagraph(text: string, offset: number, paragraph: number, into: Sentence[]): void {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out();
  const spaces = doc.tokens().out(its.precedingSpaces as never) as unknown as string[];
  const pos = doc.tokens().out(its.pos);
  const lemmas = doc.tokens().out(its.lemma as never) as unknown as string[];
  const tokens: Token[] = [];
  let at = offset;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i].length;
    tokens.push({
      text: values[i],
      lemma: lemmas[i].toLowerCase(),
      pos: pos[i],
      start: at,
      end: at + values[i].length,
      quoted: false,
      mark: null,
    });
    at += values[i].length;
  }
  markQuotes(tokens);
  for (const [first, last] of doc.sentences().out(its.span) as unknown as Array<[number, number]>) {
    const words = tokens.slice(first, last + 1).filter((t) => t.pos !== 'SPACE');
    if (words.length === 0) continue;
    into.push({
      tokens: words,
      start: words[0].start,
      end: words[words.length - 1].end,
      paragraph,
    });
  }
}

/**
 * Marks quotation marks and what they enclose. Curly quotes say which way they face; a
 * straight " opens when nothing is open and closes otherwise.
 */
function markQuotes(tokens: Token[]): void {
  let open = false;
  for (const token of tokens) {
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
