/**
 * The person a speaker's phrase names, if any ("Kremlin spokesman Dmitry Peskov", "Analyst Rob
 * Keane of Hartwell Research"), and whom they speak for.
 */
import { Gazetteer } from '../gazetteer';
import { BODY_NOUNS, DESCRIPTOR_NOUNS, DOCUMENT_NOUNS } from '../lexicon/organisations';
import { CORPORATE_TITLES, TITLE_WORDS } from '../lexicon/people';
import { PLACE_PREPOSITIONS } from '../lexicon/phrases';
import { Token } from '../text';
import { Context, isPersonRef, proposedRef, rememberPerson } from './context';
import { ActorRef, Mention, Speaker } from './types';
import { isCapitalised, isNamePart, isNameWord, isPossessive, nameWords } from './words';

/** A speaker's phrase, [from, to) of the sentence's tokens, as the rules read it. */
export interface Phrase {
  tokens: Token[];
  from: number;
  to: number;
  words: Token[];
  lowers: string[];
  /** The mentions inside it. */
  inside: Mention[];
  context: Context;
}

/**
 * The person the phrase names: known to the gazetteer, or the capitalised words that end the
 * phrase, or before "of" ("Analyst Rob Keane of Hartwell Research"), with whom the organisation
 * after "of" says they speak for.
 */
export function personIn(p: Phrase): { person: Mention | null; linked: ActorRef | null } {
  const { tokens, from, to, inside, context } = p;
  // A name the text gave a person earlier counts when it ends the phrase ("Abdelatty"); else
  // it may be an organisation's ("Hallam Stone chief executive Sara Lind").
  let person: Mention | null = null;
  for (let k = inside.length - 1; k >= 0 && !person; k--)
    if (inside[k].entry?.kind === 'person') person = inside[k];
  person ??= inside.find((m) => m.how === 'person-name' && m.to === to) ?? null;
  if (!person) person = nameAtEnd(tokens, from, to, inside, context);
  if (person) return { person, linked: null };
  const link = p.lowers.findIndex((w, i) => i > 0 && (w === 'of' || w === 'at' || w === 'from'));
  const named =
    link > 0
      ? (inside.find((m) => m.how === 'person-name' && m.to === from + link) ??
        nameAtEnd(tokens, from, from + link, inside, context))
      : null;
  if (!named || named.to - named.from < 2) return { person: null, linked: null };
  const org = inside.find((m) => m.from > from + link && m.entry?.kind !== 'person');
  const after = p.words.slice(link + 1).filter((t) => t.pos !== 'DET');
  const name = after.map((t) => t.text).join(' ');
  const linked =
    org?.actor ?? (after.length > 0 && after.every(isNameWord) ? proposedRef(name) : null);
  return { person: named, linked };
}

/**
 * The person speaking, for whom: the gazetteer's principal, the organisation after "of", the
 * one the person spoke for before, the organisation or state the phrase names, one named
 * before a title ("Acme Mining chief executive Jane Doe"), or the body or company that spoke
 * last ("ministry spokesperson He Yadong", "Chief financial officer Priya Natarajan").
 */
export function personSpeaker(
  p: Phrase,
  person: Mention,
  linked: ActorRef | null,
  organisations: Mention[],
  demonym: Mention | undefined,
): Speaker {
  const { from, words, lowers, context } = p;
  const g = context.gazetteer;
  let principal = person.entry
    ? principalRef(g, person.entry.id)
    : (linked ?? context.principals.get(person.actor.id) ?? null);
  if (!principal) {
    const org = organisations[organisations.length - 1] ?? demonym;
    if (org)
      principal = org.entry ? (principalRef(g, org.entry.id) ?? mentionRef(org)) : mentionRef(org);
    else principal = unknownOrganisation(words.slice(0, person.from - from));
  }
  if (!principal) {
    // "ministry spokesperson He Yadong": the ministry that spoke before.
    const body = lowers.slice(0, person.from - from).find((w) => BODY_NOUNS.has(w));
    const spoke = body
      ? [...context.organisations]
          .reverse()
          .find((o) => o.speaker.name.toLowerCase().split(/\s+/).includes(body))
      : undefined;
    if (spoke) principal = spoke.speaker;
  }
  if (!principal && lowers.slice(0, person.from - from).some((w) => CORPORATE_TITLES.has(w))) {
    // "Chief financial officer Priya Natarajan" in a story about a company: its officer.
    const last = context.organisations[context.organisations.length - 1];
    if (last && !isPersonRef(last.speaker, g, context)) principal = last.speaker;
  }
  return {
    speaker: person.actor,
    principal,
    via: person.how === 'near-name' ? 'near-name' : 'named',
    titled: lowers.slice(0, person.from - from).some((w) => TITLE_WORDS.has(w)),
  };
}

export function mentionRef(m: Mention): ActorRef {
  return m.actor;
}

export function principalRef(g: Gazetteer, id: string): ActorRef | null {
  const p = g.principalOf(id);
  return p ? { id: p.id, name: p.name } : null;
}

/** The phrase without its article and the words before a name that say what it is. */
export function withoutDescriptors(words: Token[]): Token[] {
  let i = 0;
  while (i < words.length - 1 && (words[i].pos === 'DET' || DESCRIPTOR_NOUNS.has(words[i].lower)))
    i++;
  return words.slice(i);
}

/**
 * An organisation the gazetteer does not know, named before a role in a person's phrase:
 * "Acme Mining chief executive Jane Doe" → Acme Mining (proposed).
 */
export function unknownOrganisation(words: Token[]): ActorRef | null {
  const role = words.findIndex((t) => TITLE_WORDS.has(t.lower));
  const before = withoutDescriptors(role < 0 ? words : words.slice(0, role)).filter(
    (t) => !isPossessive(t),
  );
  const capitals = before.filter((t) => isCapitalised(t) && t.pos !== 'DET');
  if (capitals.length === 0 || capitals.length !== before.filter((t) => t.pos !== 'DET').length)
    return null;
  const name = capitals.map((t) => t.text).join(' ');
  return proposedRef(name);
}

/** The capitalised words that end a phrase, if they name a person ("spokesman Lin Jiang"). */
function nameAtEnd(
  tokens: Token[],
  from: number,
  to: number,
  inside: Mention[],
  context: Context,
): Mention | null {
  let start = to;
  while (
    start > from &&
    isNamePart(tokens, start - 1) &&
    !TITLE_WORDS.has(tokens[start - 1].lower) &&
    !BODY_NOUNS.has(tokens[start - 1].lower) &&
    !DESCRIPTOR_NOUNS.has(tokens[start - 1].lower) &&
    !DOCUMENT_NOUNS.has(tokens[start - 1].lower) &&
    !inside.some((m) => m.from <= start - 1 && start - 1 < m.to)
  )
    start--;
  if (start === to) return null;
  // "spokesperson He Yadong": the surname He after a title is not the pronoun.
  if (
    start - 1 > from &&
    tokens[start - 1].text === 'He' &&
    TITLE_WORDS.has(tokens[start - 2].lower)
  )
    start--;
  // "a judge in New York": a place, not a name; "co-leader of the Green Alliance": an
  // organisation.
  const before = tokens[start - 1]?.lower ?? '';
  if (PLACE_PREPOSITIONS.has(before) || before === 'the' || before === 'of') return null;
  const words = nameWords(tokens, start, to);
  const name = words.join(' ');
  const known =
    context.people.get(name) ?? (words.length === 1 ? context.people.get(words[0]) : undefined);
  if (known) return { from: start, to, actor: known, entry: null, how: 'person-name' };
  const near = context.gazetteer.nearPerson(name);
  if (near)
    return {
      from: start,
      to,
      actor: { id: near.id, name: near.name },
      entry: near,
      how: 'near-name',
    };
  // One capitalised word alone is a person only when a role precedes it ("spokesman Smith").
  if (words.length === 1 && !(before && TITLE_WORDS.has(before))) return null;
  const actor = rememberPerson(context, words);
  return { from: start, to, actor, entry: null, how: 'person-name' };
}
