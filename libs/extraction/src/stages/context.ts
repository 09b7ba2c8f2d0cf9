/**
 * What the extractor remembers from sentence to sentence: who was named and how, who spoke,
 * and the roles and descriptions the text gave them, so that "he", "the company" or "the
 * mayor" can be read later.
 */
import { Gazetteer, slugOf } from '../gazetteer';
import { DESCRIPTOR_NOUNS, NOT_COMPANIES, SAME_KIND } from '../lexicon/organisations';
import { ROLE_NOUNS } from '../lexicon/people';
import { Sentence, Token } from '../text';
import { ActorRef, Candidate, Speaker, UnnamedRole } from './types';
import { isNameWord } from './words';

export interface Context {
  gazetteer: Gazetteer;
  /** Actors named so far (context aliases count only for them). */
  named: Set<string>;
  /** People proposed from the text, by every word of their name ("Smith" → Jane Smith). */
  people: Map<string, ActorRef>;
  /** Their ids. */
  personIds: Set<string>;
  last: Speaker | null;
  /** Organisations that spoke so far, latest last ("the company said" refers back to one). */
  organisations: Speaker[];
  /** Organisations the text introduced with what they are ("Budget airline SkyLark"). */
  described: Array<{ actor: ActorRef; type: string }>;
  /** Their names, and the first word of each ("Meridian" for Meridian Bank). */
  organisationNames: Map<string, ActorRef>;
  /** The first words of those of more than one word. */
  longNameStarts: Set<string>;
  /** Whom each person who spoke was last said to speak for ("Abdelatty wrote" after "Egyptian
   * Foreign Minister Badr Abdelatty said"). */
  principals: Map<string, ActorRef>;
  /** Statements whose speaker was only a role, by the sentence they are in ("Turkey's
   * president urged …"; the next sentence may name the person). */
  unnamed: { sentence: number; found: UnnamedRole[] } | null;
  /** Who spoke so far. */
  spoke: Set<string>;
  /** The person the text named last, in a sentence before this one. */
  lastPerson: ActorRef | null;
  /** …and in this one so far. */
  sentencePerson: ActorRef | null;
  /** People by the role the text gave them ("the mayor" → Brandon Johnson). */
  roles: Map<string, ActorRef>;
  /** States named so far, the latest last. */
  states: ActorRef[];
  /** The last two sides of a dispute: who spoke and about whom ("both sides"). */
  sides: ActorRef[] | null;
  /** Where the speakers' phrases of the current sentence start (not targets of each other). */
  sentenceSpeakers: number[];
  lastParagraph: number;
  lastSentence: number;
}

export function newContext(gazetteer: Gazetteer): Context {
  return {
    gazetteer,
    named: new Set(),
    people: new Map(),
    personIds: new Set(),
    last: null,
    organisations: [],
    described: [],
    organisationNames: new Map(),
    longNameStarts: new Set(),
    principals: new Map(),
    states: [],
    sides: null,
    unnamed: null,
    spoke: new Set(),
    roles: new Map(),
    lastPerson: null,
    sentencePerson: null,
    sentenceSpeakers: [],
    lastParagraph: -1,
    lastSentence: -2,
  };
}

export function isPersonRef(actor: ActorRef, gazetteer: Gazetteer, context: Context): boolean {
  const entry = gazetteer.get(actor.id);
  if (entry) return entry.kind === 'person';
  return context.personIds.has(actor.id);
}

/** An actor the gazetteer does not know, proposed under the slug of its name. */
export function proposedRef(name: string): ActorRef {
  return { id: slugOf(name), name, proposed: true };
}

export function rememberPerson(context: Context, words: string[]): ActorRef {
  const name = words.join(' ');
  const known = context.people.get(name);
  if (known) return known;
  const actor: ActorRef = proposedRef(name);
  context.people.set(name, actor);
  context.personIds.add(actor.id);
  // Later the surname alone names them: "Lorenzo", and "Di Lorenzo" for a two-word one.
  for (let i = 1; i < words.length; i++) {
    const rest = words.slice(i).join(' ');
    if (!context.people.has(rest)) context.people.set(rest, actor);
  }
  if (!context.people.has(words[0])) context.people.set(words[0], actor);
  return actor;
}

export function rememberOrganisation(context: Context, name: string, type: string): ActorRef {
  const known = context.organisationNames.get(name);
  if (known) return known;
  const actor: ActorRef = proposedRef(name);
  context.organisationNames.set(name, actor);
  const first = name.split(' ')[0];
  if (!context.organisationNames.has(first)) context.organisationNames.set(first, actor);
  context.described.push({ actor, type: sameKind(type) });
  return actor;
}

/** An organisation or group the text named (as speaker, principal or target), for later. */
function rememberName(context: Context, actor: ActorRef | null): void {
  if (!actor?.proposed || context.people.has(actor.name)) return;
  if (context.organisationNames.has(actor.name)) return;
  context.organisationNames.set(actor.name, actor);
  const space = actor.name.indexOf(' ');
  if (space > 0) context.longNameStarts.add(actor.name.slice(0, space));
}

/** "Chief executive Lars Ekholm": the role, for "the chief executive" later. */
export function rememberRole(tokens: Token[], speaker: Speaker, context: Context): void {
  const [from, to] = speaker.span!;
  for (let i = from; i < to; i++)
    if (ROLE_NOUNS.has(tokens[i].lower) && !context.roles.has(tokens[i].lower))
      context.roles.set(tokens[i].lower, speaker.speaker);
}

/** A statement of the sentence at `index`: who spoke, for whom and about whom, for later. */
export function rememberStatement(
  candidate: Candidate,
  sentence: Sentence,
  index: number,
  context: Context,
): void {
  const gazetteer = context.gazetteer;
  if (candidate.principal) context.principals.set(candidate.speaker.id, candidate.principal);
  context.spoke.add(candidate.speaker.id);
  if (isPersonRef(candidate.speaker, gazetteer, context))
    context.sentencePerson = candidate.speaker;
  rememberName(context, candidate.speaker);
  rememberName(context, candidate.principal);
  for (const target of candidate.targets) rememberName(context, target);
  const side = candidate.principal ?? candidate.speaker;
  const other = candidate.targets.find((t) => t.id !== side.id);
  if (other) context.sides = [side, other];
  if (!isPersonRef(candidate.speaker, gazetteer, context))
    context.organisations.push({
      speaker: candidate.speaker,
      principal: candidate.principal,
      via: candidate.via,
    });
  context.last = {
    speaker: candidate.speaker,
    principal: candidate.principal,
    via: candidate.via,
  };
  context.lastParagraph = sentence.paragraph;
  context.lastSentence = index;
}

/** Words for the same kind of organisation. */
function sameKind(word: string): string {
  return SAME_KIND.get(word) ?? word;
}

/**
 * The organisation the text introduced as a `word` ("the airline" → "Budget airline
 * SkyLark"); "the company" is the last business introduced, "the group" the last of any kind.
 */
export function introducedAs(word: string, context: Context): ActorRef | undefined {
  const kind = sameKind(word);
  for (let i = context.described.length - 1; i >= 0; i--)
    if (context.described[i].type === kind) return context.described[i].actor;
  for (let i = context.described.length - 1; i >= 0; i--) {
    const d = context.described[i];
    if (kind === 'group' || (kind === 'company' && !NOT_COMPANIES.has(d.type))) return d.actor;
  }
  return undefined;
}

/**
 * "the company", "the airline", "the mayor": the organisation the text introduced as such,
 * or the person it gave that role. Not when a name follows ("the company Acme").
 */
export function describedActor(
  word: string,
  next: Token | undefined,
  context: Context,
): ActorRef | undefined {
  if (next && isNameWord(next)) return undefined;
  return (
    context.roles.get(word) ??
    (DESCRIPTOR_NOUNS.has(word) ? introducedAs(word, context) : undefined)
  );
}

/**
 * "called on both sides": the two sides of the last statement about someone else, else the
 * last two states named, other than the speaker's own.
 */
export function bothSides(context: Context, own: Set<string | undefined>): ActorRef[] {
  if (context.sides && !context.sides.some((a) => own.has(a.id))) return context.sides;
  return context.states.filter((a) => !own.has(a.id)).slice(-2);
}
