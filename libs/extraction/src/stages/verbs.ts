/**
 * Reporting verbs: the words of a sentence, outside quotation marks, that report speech
 * ("said", "accused", "called on"), and the ones that only look like it ("was accused",
 * "declined to comment", "appeal to the Court").
 */
import { COURT_WORDS } from '../lexicon/organisations';
import {
  CLAUSE_VERBS,
  NEGATORS,
  PHRASAL_HEADS,
  PHRASAL_VERBS,
  REPORTING_VERBS,
} from '../lexicon/verbs';
import { Sentence, Token } from '../text';
import { phraseRight } from './phrases';
import { Verb } from './types';
import { isPossessive } from './words';

export function reportingVerbs(sentence: Sentence): Verb[] {
  const tokens = sentence.tokens;
  const verbs: Verb[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.quoted || token.mark) continue;
    if (token.pos !== 'VERB' && token.pos !== 'NOUN' && token.pos !== 'ADJ') continue;
    const next = PHRASAL_HEADS.has(token.lemma) ? tokens[i + 1]?.lower : undefined;
    const phrasal = next ? PHRASAL_VERBS.get(`${token.lemma} ${next}`) : undefined;
    // "could appeal to the Court of Arbitration for Sport": a court's appeal.
    if (phrasal && `${token.lemma} ${next}` === 'appeal to' && courtAhead(tokens, i + 2)) {
      i++;
      continue;
    }
    if (phrasal) {
      verbs.push({ index: i, last: i + 1, lemma: `${token.lemma} ${next}`, kind: phrasal });
      i++;
      continue;
    }
    // "called the duties “the wrong way forward”", "called it overdue": a statement.
    if (token.lemma === 'call' && token.pos === 'VERB' && !passive(tokens, i)) {
      const object = phraseRight(tokens, i + 1);
      const after = object ? tokens[object[1]] : undefined;
      if (after && (after.mark === 'open' || after.pos === 'ADJ')) {
        verbs.push({ index: i, last: i, lemma: 'call', kind: 'statement' });
        continue;
      }
    }
    const lemma = verbLemma(token);
    if (lemma === null) continue;
    // Nouns and adjectives only where the tagger misread a verb form ("says", "branded",
    // "…, warning that …").
    if (
      token.pos !== 'VERB' &&
      !/(s|ed)$/.test(token.text) &&
      !(/ing$/.test(token.text) && tokens[i - 1]?.text === ',')
    )
      continue;
    // …but a noun after an article, a possessive or a preposition is one: "Tebas's remarks".
    const before = tokens[i - 1];
    if (
      token.pos !== 'VERB' &&
      before &&
      (before.pos === 'DET' || before.pos === 'ADP' || before.pos === 'ADJ' || isPossessive(before))
    )
      continue;
    if (passive(tokens, i)) continue;
    // "NATO was to blame": no one blamed anyone.
    if (tokens[i - 1]?.lower === 'to' && tokens[i - 2]?.lemma === 'be') continue;
    // "declared Maduro the winner", "firms would respond by hiring fewer": acts, unless what
    // follows is what was said.
    if (CLAUSE_VERBS.has(lemma)) {
      const next = tokens[i + 1];
      if (
        next &&
        next.lower !== 'that' &&
        next.mark !== 'open' &&
        next.text !== ':' &&
        next.text !== ','
      )
        continue;
    }
    verbs.push({ index: i, last: i, lemma, kind: REPORTING_VERBS.get(lemma)! });
  }
  return verbs;
}

/** Whether the phrase from `at` names a court ("the Court of Arbitration", "a tribunal"). */
function courtAhead(tokens: Token[], at: number): boolean {
  for (let i = at; i < Math.min(tokens.length, at + 4); i++)
    if (COURT_WORDS.has(tokens[i].lower)) return true;
  return false;
}

/** The reporting verb a token is a form of, if any (its base form, see baseForm). */
function verbLemma(token: Token): string | null {
  return REPORTING_VERBS.has(token.lemma) ? token.lemma : null;
}

/** "Norway had been told", "was accused": the subject did not say it. */
function passive(tokens: Token[], index: number): boolean {
  let i = index - 1;
  while (i >= 0 && tokens[i].pos === 'ADV') i--;
  return i >= 0 && tokens[i].lemma === 'be' && /(ed|told|said|sworn)$/i.test(tokens[index].text);
}

/** "declined to comment", "did not say", "refused to condemn", "quoted him as saying". */
export function negated(tokens: Token[], index: number): boolean {
  if (tokens[index - 1]?.lower === 'as') return true;
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const t = tokens[i];
    if (NEGATORS.has(t.lemma) || NEGATORS.has(t.lower)) return true;
    if (t.pos === 'PUNCT' || t.mark) break;
  }
  return false;
}

/**
 * A first-person reporting verb inside a quotation ("We call on NATO to …", "I urge …"): the
 * kind of statement a quotation standing alone makes.
 */
export function firstPersonVerb(tokens: Token[]): Verb | null {
  for (let i = 1; i < tokens.length; i++) {
    const subject = tokens[i - 1].lower;
    if (subject !== 'we' && subject !== 'i') continue;
    const next = tokens[i + 1]?.lower;
    const phrasal = next ? PHRASAL_VERBS.get(`${tokens[i].lemma} ${next}`) : undefined;
    const found = phrasal ?? REPORTING_VERBS.get(tokens[i].lemma);
    if (!found) continue;
    const lemma = phrasal ? `${tokens[i].lemma} ${next}` : tokens[i].lemma;
    return { index: i, last: phrasal ? i + 1 : i, lemma, kind: found };
  }
  return null;
}
