/**
 * What carries from one sentence to the next: the person a later sentence names is who held
 * a role that spoke ("Turkey's president urged …" … "Erdogan said"), and a quotation standing
 * alone after an attributed one continues its speaker.
 */
import { TAKES_TARGET_OBJECT } from '../lexicon/verbs';
import { build, statementSpan } from './candidates';
import { Context, isPersonRef } from './context';
import { objectStart, phraseRight } from './phrases';
import { Candidate, SentenceAt, UnnamedRole, Verb } from './types';
import { firstPersonVerb } from './verbs';

/**
 * "Turkey's president on Monday urged Russia … Speaking after talks in Ankara, Recep Tayyip
 * Erdogan said …": the person the next sentence names first, untitled or titled for the same
 * organisation, is who spoke.
 */
export function nameTheRole(unnamed: UnnamedRole[], next: Candidate, context: Context): void {
  const gazetteer = context.gazetteer;
  if (!isPersonRef(next.speaker, gazetteer, context) || context.spoke.has(next.speaker.id)) return;
  // Whom the role spoke about is not who held it ("… accuse Hale … Hale denies").
  if (unnamed.some((u) => u.candidate.targets.some((t) => t.id === next.speaker.id))) return;
  const holder = unnamed[0].candidate.speaker;
  if (next.principal && next.principal.id !== holder.id) {
    // A title for another organisation is someone else ("Kremlin spokesman Dmitry Peskov").
    const chain = new Set<string>([next.principal.id]);
    for (let id: string | undefined = next.principal.id; id;) {
      id = gazetteer.principalOf(id)?.id;
      if (id) chain.add(id);
    }
    if (!chain.has(holder.id)) return;
  }
  for (const { candidate, role } of unnamed) {
    candidate.principal = next.principal ?? candidate.speaker;
    candidate.speaker = next.speaker;
    candidate.targets = candidate.targets.filter((t) => t.id !== next.speaker.id);
    context.roles.set(role, next.speaker);
  }
  if (!next.principal) {
    next.principal = holder;
    context.principals.set(next.speaker.id, holder);
  }
}

/**
 * A sentence that is all quotation, right after an attributed statement: the same speaker
 * goes on. A first-person reporting verb inside sets the kind ("We call on NATO to …").
 */
export function continuation(at: SentenceAt, context: Context): Candidate | null {
  const { sentences, index } = at;
  const sentence = sentences[index];
  const words = sentence.tokens.filter((t) => t.pos !== 'PUNCT' && !t.mark);
  if (!context.last || words.length === 0 || words.some((t) => !t.quoted)) return null;
  if (index - context.lastSentence > 2 || sentence.paragraph - context.lastParagraph > 1)
    return null;
  // Part of a quotation that an attribution later in it will claim.
  const final = sentence.tokens[sentence.tokens.length - 1];
  if ((final.quoted || final.mark === 'open') && index + 1 < sentences.length) return null;
  if (statementSpan(sentences, index)[0] < sentences[index].start) return null;
  const tokens = sentence.tokens;
  const verb: Verb = firstPersonVerb(tokens) ?? {
    index: -1,
    last: -1,
    lemma: '',
    kind: 'statement',
  };
  const objectSpan =
    verb.index >= 0 && TAKES_TARGET_OBJECT.has(verb.lemma)
      ? phraseRight(tokens, objectStart(tokens, verb.last + 1))
      : null;
  const candidate = build(at, { ...context.last, via: 'continuation' }, verb, objectSpan, context);
  candidate.verb = verb.index >= 0 ? candidate.verb : null;
  return candidate;
}
