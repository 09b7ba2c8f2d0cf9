/**
 * Article text → candidate statements, by rules over tagged sentences: deterministic, offline,
 * and explainable (each candidate says how its speaker was found). A reporting verb
 * (`said`, `accused`, `called on`, …) outside quotation marks, its speaker's phrase on the left
 * (`Kremlin spokesman Dmitry Peskov said`) or on the right (`“…,” said Peskov`,
 * `according to Peskov`), the verb's object as target, the quotation, the allegation. Pronouns,
 * roles and documents (`he added`, `the ministry said`, `the report said`) carry the last
 * speaker on; a quotation standing alone after an attributed one continues its speaker.
 *
 * The stages, in the order they run on each sentence:
 *  1. text.ts: sentences and tagged tokens (stages/words.ts reads tokens as parts of names);
 *  2. stages/mentions.ts: the actors the sentence names;
 *  3. stages/verbs.ts: its reporting verbs;
 *  4. stages/speakers.ts: who spoke, for each verb (stages/phrases.ts finds the phrases,
 *     stages/speaker-phrase.ts and stages/speaker-person.ts read who they name);
 *  5. stages/candidates.ts: a statement for each speaker, about whom stages/targets.ts says;
 *  6. stages/discourse.ts: a role the next sentence names, a quotation that goes on.
 * What they remember from sentence to sentence is in stages/context.ts; the words they read,
 * in lexicon/.
 */
import { Gazetteer, GazetteerEntry } from './gazetteer';
import { BUILTIN_GAZETTEER } from './builtin-gazetteer';
import { analyse, splitWords } from './text';
import { Context, newContext, rememberStatement } from './stages/context';
import { findMentions } from './stages/mentions';
import { reportingVerbs } from './stages/verbs';
import { attributeVerbs, speakerStarts } from './stages/speakers';
import {
  accordingTo,
  attributedStatements,
  mergeBySpeaker,
  shareQuotes,
} from './stages/candidates';
import { continuation, nameTheRole } from './stages/discourse';
import { Candidate, SentenceAt } from './stages/types';

export type { ActorRef, Candidate, SpeakerVia } from './stages/types';

export const EXTRACTOR = { name: 'statement-tracker-rules', version: '0.1.0' } as const;

let builtin: Gazetteer | undefined;

/** A gazetteer over the given entries (the built-in list when none are given). */
export function gazetteerOf(entries?: readonly GazetteerEntry[]): Gazetteer {
  if (!entries) return (builtin ??= new Gazetteer(BUILTIN_GAZETTEER, splitWords));
  return new Gazetteer(entries, splitWords);
}

export function extract(text: string, gazetteer: Gazetteer = gazetteerOf()): Candidate[] {
  const sentences = analyse(text);
  const context = newContext(gazetteer);
  const candidates: Candidate[] = [];
  sentences.forEach((sentence, index) => {
    if (context.sentencePerson) context.lastPerson = context.sentencePerson;
    context.sentencePerson = null;
    const mentions = findMentions(sentence, context);
    const at: SentenceAt = { text, sentences, index, mentions };
    const pending = context.unnamed;
    const found = statementsOf(at, context);
    if (pending && pending.sentence === index - 1 && found.length > 0)
      nameTheRole(pending.found, found[0], context);
    if (found.length === 0) {
      const continued = continuation(at, context);
      if (continued) found.push(continued);
    }
    for (const candidate of found) rememberStatement(candidate, sentence, index, context);
    candidates.push(...found);
  });
  return candidates;
}

/** The statements of one sentence: its verbs, their speakers, a candidate for each. */
function statementsOf(at: SentenceAt, context: Context): Candidate[] {
  const tokens = at.sentences[at.index].tokens;
  const verbs = reportingVerbs(at.sentences[at.index]);
  // (A sentence with neither leaves what the sentence before noted in the context as it was.)
  if (verbs.length === 0 && !tokens.some((t) => t.lower === 'according')) return [];
  const attributed = attributeVerbs(tokens, verbs, at.mentions, context);
  // Who speaks in this sentence is not whom the others speak about.
  context.sentenceSpeakers = speakerStarts(attributed, at.mentions);
  const { found, unnamed } = attributedStatements(at, attributed, context);
  found.push(...accordingTo(at, context));
  if (new Set(found.map((c) => c.verbIndex)).size > 1) shareQuotes(at.text, tokens, found);
  const merged = mergeBySpeaker(found);
  const kept = unnamed.filter((u) => merged.includes(u.candidate));
  context.unnamed = kept.length > 0 ? { sentence: at.index, found: kept } : null;
  return merged;
}
