/**
 * Article text → candidate statements, by rules over tagged sentences: deterministic, offline,
 * and explainable (each candidate says how its speaker was found). A reporting verb
 * (`said`, `accused`, `called on`, …) outside quotation marks, its speaker's phrase on the left
 * (`Kremlin spokesman Dmitry Peskov said`) or on the right (`“…,” said Peskov`,
 * `according to Peskov`), the verb's object as target, the quotation, the allegation. Pronouns,
 * roles and documents (`he added`, `the ministry said`, `the report said`) carry the last
 * speaker on; a quotation standing alone after an attributed one continues its speaker.
 */
import { Gazetteer, GazetteerEntry, slugOf } from './gazetteer';
import { BUILTIN_GAZETTEER } from './builtin-gazetteer';
import {
  BODY_NOUNS,
  DESCRIPTOR_NOUNS,
  DOCUMENT_NOUNS,
  ORGANISATION_NOUNS,
  KIND_PRIORITY,
  NEGATORS,
  NOT_NAMES,
  PHRASAL_VERBS,
  PHRASE_LINKS,
  REPORTING_VERBS,
  ROLE_NOUNS,
  SPEAKER_PRONOUNS,
  StatementKind,
  TAKES_TARGET_OBJECT,
} from './lexicon';
import { analyse, Sentence, splitWords, Token } from './text';

export const EXTRACTOR = { name: 'statement-tracker-rules', version: '0.1.0' } as const;

export interface ActorRef {
  id: string;
  name: string;
  /** Not in the gazetteer: proposed from the text. */
  proposed?: boolean;
}

export type SpeakerVia =
  'named' | 'near-name' | 'pronoun' | 'role' | 'document' | 'according-to' | 'continuation';

export interface Candidate {
  speaker: ActorRef;
  principal: ActorRef | null;
  kind: StatementKind;
  targets: ActorRef[];
  /** The quoted words (several quotations joined by " … "), or null. */
  quote: string | null;
  /** What an accusation alleges ("of playing a key role …"), or null. */
  allegation: string | null;
  /** The sentence(s) the statement was found in, and their offsets in the text. */
  text: string;
  start: number;
  end: number;
  confidence: number;
  via: SpeakerVia;
  /** The reporting verb as written, or null for a continued quotation. */
  verb: string | null;
}

let builtin: Gazetteer | undefined;

/** A gazetteer over the given entries (the built-in list when none are given). */
export function gazetteerOf(entries?: readonly GazetteerEntry[]): Gazetteer {
  if (!entries) return (builtin ??= new Gazetteer(BUILTIN_GAZETTEER, splitWords));
  return new Gazetteer(entries, splitWords);
}

interface Mention {
  /** Token indexes in the sentence, [from, to). */
  from: number;
  to: number;
  actor: ActorRef;
  entry: GazetteerEntry | null;
  how: 'name' | 'alias' | 'context' | 'demonym' | 'person-name' | 'near-name' | 'organisation-name';
}

interface Speaker {
  speaker: ActorRef;
  principal: ActorRef | null;
  via: SpeakerVia;
  /** Tokens of the speaker's phrase in the sentence, when it is there. */
  span?: [number, number];
  /** A definite role with no name ("Turkey's president", "the mayor of Chicago"): the role. */
  unnamedRole?: string;
  /** A person whose phrase gives a title or role ("Kremlin spokesman Dmitry Peskov"). */
  titled?: boolean;
}

/** What the extractor remembers from sentence to sentence. */
interface Context {
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
  unnamed: { sentence: number; found: Array<{ candidate: Candidate; role: string }> } | null;
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

export function extract(text: string, gazetteer: Gazetteer = gazetteerOf()): Candidate[] {
  const sentences = analyse(text);
  const context: Context = {
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
  const candidates: Candidate[] = [];
  sentences.forEach((sentence, index) => {
    if (context.sentencePerson) context.lastPerson = context.sentencePerson;
    context.sentencePerson = null;
    const mentions = findMentions(sentence, context);
    const pending = context.unnamed;
    const found = statementsOf(text, sentences, index, mentions, context);
    if (pending && pending.sentence === index - 1 && found.length > 0)
      nameTheRole(pending.found, found[0], gazetteer, context);
    if (found.length === 0) {
      const continued = continuation(text, sentences, index, mentions, context);
      if (continued) found.push(continued);
    }
    for (const candidate of found) {
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
    candidates.push(...found);
  });
  return candidates;
}

/**
 * "Turkey's president on Monday urged Russia … Speaking after talks in Ankara, Recep Tayyip
 * Erdogan said …": the person the next sentence names first, untitled or titled for the same
 * organisation, is who spoke.
 */
function nameTheRole(
  unnamed: Array<{ candidate: Candidate; role: string }>,
  next: Candidate,
  gazetteer: Gazetteer,
  context: Context,
): void {
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

function isPersonRef(actor: ActorRef, gazetteer: Gazetteer, context: Context): boolean {
  const entry = gazetteer.get(actor.id);
  if (entry) return entry.kind === 'person';
  return context.personIds.has(actor.id);
}

// ---------------------------------------------------------------------------------------------
// Mentions: actors named in a sentence.

function findMentions(sentence: Sentence, context: Context): Mention[] {
  const words = sentence.tokens.map((t) => t.word);
  const lowers = sentence.tokens.map((t) => t.lower);
  const mentions: Mention[] = [];
  const tokens = sentence.tokens;
  for (let i = 0; i < words.length;) {
    // Most words are none of these: not capitalised, not the start of a known name, not a word
    // that says what an organisation is.
    if (
      !isCapitalised(tokens[i]) &&
      !context.gazetteer.starts(lowers[i]) &&
      !DESCRIPTOR_NOUNS.has(lowers[i])
    ) {
      i++;
      continue;
    }
    let match = context.gazetteer.match(words, i, context.named, lowers);
    // "France Unbowed", "China Daily": a state's name that begins another name.
    if (match && match.entry.kind === 'state' && match.how !== 'demonym') {
      const next = sentence.tokens[i + match.length];
      if (
        next &&
        isNameWord(next) &&
        !TITLE_WORDS.has(next.lower) &&
        !BODY_NOUNS.has(next.lower) &&
        !TIME_WORDS.has(next.lower) &&
        !context.gazetteer.match(words, i + match.length, context.named, lowers)
      )
        match = null;
    }
    if (match) {
      mentions.push({
        from: i,
        to: i + match.length,
        actor: { id: match.entry.id, name: match.entry.name },
        entry: match.entry,
        how: match.how,
      });
      if (match.how !== 'demonym') context.named.add(match.entry.id);
      if (match.entry.kind === 'state') {
        const known = context.states.findIndex((a) => a.id === match!.entry.id);
        if (known >= 0) context.states.splice(known, 1);
        context.states.push({ id: match.entry.id, name: match.entry.name });
      }
      i += match.length;
      continue;
    }
    // Organisations introduced by what they are ("airline SkyLark", "Meridian Bank"), and
    // named again later.
    const organisation = describedOrganisation(sentence.tokens, i, context);
    if (organisation) {
      mentions.push({
        from: organisation.from,
        to: organisation.to,
        actor: organisation.actor,
        entry: null,
        how: 'organisation-name',
      });
      i = organisation.to;
      continue;
    }
    // People the gazetteer does not know: a full name is remembered, so that the surname
    // alone names the same person later ("Samuel Barker" … "Barker said").
    const run = nameRun(sentence.tokens, i);
    if (run > 0) {
      const parts = run === 1 ? [words[i]] : nameWords(sentence.tokens, i, i + run);
      const name = run === 1 ? words[i] : parts.join(' ');
      const known = context.people.get(name);
      const near = known || run < 2 ? null : context.gazetteer.nearPerson(name);
      if (known)
        mentions.push({ from: i, to: i + run, actor: known, entry: null, how: 'person-name' });
      else if (near)
        mentions.push({
          from: i,
          to: i + run,
          actor: { id: near.id, name: near.name },
          entry: near,
          how: 'near-name',
        });
      else if (parts.length >= 2) {
        // A new full name is remembered; after a title or what someone is ("striker Robert
        // Lewandowski", "businessman Viktor Hale") it is also an actor the sentence names.
        const actor = rememberPerson(context, parts);
        const cue = sentence.tokens[i - 1]?.lower ?? '';
        if (TITLE_WORDS.has(cue) || PERSON_DESCRIPTIONS.has(cue) || PERSON_CUES.has(cue))
          mentions.push({ from: i, to: i + run, actor, entry: null, how: 'person-name' });
      }
      i += run;
      continue;
    }
    i++;
  }
  for (const m of mentions)
    if (m.entry?.kind === 'person' || m.how === 'person-name' || m.how === 'near-name')
      context.sentencePerson = m.actor;
  return mentions;
}

/**
 * An organisation at `at`: a name after a word saying what it is ("airline SkyLark",
 * "Consumer group Drive Safe"), a name ending in such a word ("Meridian Bank"), or one of
 * those named before. Remembered for "the airline", "the lender", "a company spokesman".
 */
function describedOrganisation(
  tokens: Token[],
  at: number,
  context: Context,
): { from: number; to: number; actor: ActorRef } | null {
  const known = context.organisationNames.get(tokens[at].text);
  if (known && isNameWord(tokens[at])) {
    let to = at + 1;
    while (to < tokens.length && isNameWord(tokens[to]) && known.name.includes(tokens[to].text))
      to++;
    return { from: at, to, actor: known };
  }
  if (context.longNameStarts.has(tokens[at].text)) {
    // A name the text gave an organisation before, whole ("the Social Democrats").
    let to = at + 1;
    while (to < tokens.length && isNameWord(tokens[to])) to++;
    if (to - at > 1) {
      const whole = context.organisationNames.get(
        tokens
          .slice(at, to)
          .map((t) => t.text)
          .join(' '),
      );
      if (whole) return { from: at, to, actor: whole };
    }
  }
  if (DESCRIPTOR_NOUNS.has(tokens[at].lower)) {
    const run = nameRun(tokens, at + 1);
    if (run === 0) return null;
    const name = tokens
      .slice(at + 1, at + 1 + run)
      .map((t) => t.text)
      .join(' ');
    // "Software group Brightline" is a business; "Consumer group Drive Safe" is not.
    const type =
      tokens[at].lower === 'group' &&
      at > 0 &&
      tokens[at - 1].pos !== 'DET' &&
      !ADVOCACY.has(tokens[at - 1].lower)
        ? 'company'
        : tokens[at].lower;
    const actor = rememberOrganisation(context, name, type);
    return { from: at + 1, to: at + 1 + run, actor };
  }
  const run = nameRun(tokens, at);
  const last = tokens[at + run];
  if (run === 0 || !last || !isCapitalised(last) || !DESCRIPTOR_NOUNS.has(last.lower)) return null;
  const name = tokens
    .slice(at, at + run + 1)
    .map((t) => t.text)
    .join(' ');
  return { from: at, to: at + run + 1, actor: rememberOrganisation(context, name, last.lower) };
}

function rememberOrganisation(context: Context, name: string, type: string): ActorRef {
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

/** Words for the same kind of organisation. */
function sameKind(word: string): string {
  return (
    ({ lender: 'bank', automaker: 'carmaker', firm: 'company' } as Record<string, string>)[word] ??
    word
  );
}

/** Capitalised proper nouns from `at` that could be a name (no titles, roles or bodies). */
function nameRun(tokens: Token[], at: number): number {
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

function rememberPerson(context: Context, words: string[]): ActorRef {
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

/** Words for a state's government that stand for the state ("the British government"). */
const STATE_ITSELF = new Set(['government', 'national', 'federal', 'authorities']);

/** Nouns that describe a person who spoke before ("the Dutchman added"). */
const PERSON_DESCRIPTIONS = new Set([
  'dutchman',
  'frenchman',
  'englishman',
  'scotsman',
  'irishman',
  'welshman',
  'spaniard',
  'briton',
  'dane',
  'swede',
  'finn',
  'pole',
  'german',
  'italian',
  'american',
  'australian',
  'russian',
  'belgian',
  'brazilian',
  'argentine',
  'veteran',
  'champion',
  'winner',
  'striker',
  'midfielder',
  'defender',
  'goalkeeper',
  'forward',
  'driver',
  'rider',
  'player',
  'star',
  'former',
]);

/**
 * "called on both sides": the two sides of the last statement about someone else, else the
 * last two states named, other than the speaker's own.
 */
function bothSides(context: Context, own: Set<string | undefined>): ActorRef[] {
  if (context.sides && !context.sides.some((a) => own.has(a.id))) return context.sides;
  return context.states.filter((a) => !own.has(a.id)).slice(-2);
}

/** "both sides", "the two countries": a pair of states named before. */
const PAIRS = new Set(['sides', 'countries', 'nations', 'states', 'governments', 'neighbours']);

/**
 * The role a definite phrase gives someone it does not name ("Turkey's president", "the mayor
 * of …"); not a group ("US prosecutors") and not someone unnamed ("a senior diplomat").
 */
function unnamedRole(lowers: string[]): string | undefined {
  if (lowers[0] === 'a' || lowers[0] === 'an') return undefined;
  const role = lowers.find((w) => ROLE_NOUNS.has(w));
  return role && (!role.endsWith('s') || role.endsWith('ss')) ? role : undefined;
}

/**
 * "the company", "the airline", "the mayor": the organisation the text introduced as such,
 * or the person it gave that role. Not when a name follows ("the company Acme").
 */
function describedActor(
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

/** What a group that is not a business is for ("Consumer group", "Campaign group"). */
const ADVOCACY = new Set([
  'consumer',
  'campaign',
  'pressure',
  'advocacy',
  'rights',
  'lobby',
  'protest',
  'activist',
  'environmental',
  'opposition',
  'rebel',
  'militant',
  'armed',
  'civic',
  'industry',
  'business',
  'patients',
  'parents',
  'residents',
]);

/** What is not a business, for "the company" ("Consumer group Drive Safe" is not one). */
const NOT_COMPANIES = new Set([
  'group',
  'union',
  'party',
  'charity',
  'campaign',
  'consumer',
  'regulator',
  'watchdog',
  'agency',
  'team',
  'side',
  'club',
]);

/**
 * The organisation the text introduced as a `word` ("the airline" → "Budget airline
 * SkyLark"); "the company" is the last business introduced, "the group" the last of any kind.
 */
function introducedAs(word: string, context: Context): ActorRef | undefined {
  const kind = sameKind(word);
  for (let i = context.described.length - 1; i >= 0; i--)
    if (context.described[i].type === kind) return context.described[i].actor;
  for (let i = context.described.length - 1; i >= 0; i--) {
    const d = context.described[i];
    if (kind === 'group' || (kind === 'company' && !NOT_COMPANIES.has(d.type))) return d.actor;
  }
  return undefined;
}

/** Media words: whom one tells through them is the audience ("the state news agency RIA"). */
const MEDIA = new Set([
  'agency',
  'radio',
  'television',
  'tv',
  'broadcaster',
  'newspaper',
  'station',
  'channel',
  'outlet',
  'daily',
  'magazine',
  'website',
  'podcast',
]);

function mediaBefore(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (MEDIA.has(tokens[i].lower)) return true;
  return false;
}

/** "Chief executive Lars Ekholm": the role, for "the chief executive" later. */
function rememberRole(tokens: Token[], speaker: Speaker, context: Context): void {
  const [from, to] = speaker.span!;
  for (let i = from; i < to; i++)
    if (ROLE_NOUNS.has(tokens[i].lower) && !context.roles.has(tokens[i].lower))
      context.roles.set(tokens[i].lower, speaker.speaker);
}

/** Titles held in a company. */
const CORPORATE_TITLES = new Set([
  'officer',
  'executive',
  'chairman',
  'chairwoman',
  'founder',
  'ceo',
  'cfo',
]);

/** What the text may say someone is, before their name. */
const PERSON_CUES = new Set([
  'businessman',
  'businesswoman',
  'tycoon',
  'billionaire',
  'activist',
  'journalist',
  'developer',
  'investor',
  'entrepreneur',
  'candidate',
  'rival',
  'predecessor',
  'successor',
  'opponent',
  'leader',
  'coach',
  'manager',
  'captain',
  'boss',
]);

/** Verbs that report speech only before what was said ("declared that", "responded: “…”"). */
const CLAUSE_VERBS = new Set(['declare', 'respond', 'reply']);

/** Words that count the members of a group ("two negotiators", "several officials"). */
const QUANTITIES = new Set(['two', 'three', 'four', 'five', 'several', 'some', 'many', 'other']);

/** What a state's adjective gives the state as target: "the Saudi position", "the British
 * government". */
const STATE_THINGS = new Set([
  ...STATE_ITSELF,
  'position',
  'stance',
  'decision',
  'move',
  'plan',
  'proposal',
  'policy',
  'offer',
  'response',
  'approach',
  'leadership',
  'leader',
  'president',
  'delegation',
  'initiative',
  'mediation',
  'efforts',
  'territory',
  'airspace',
]);

const TITLE_WORDS = new Set([
  ...ROLE_NOUNS,
  'prime',
  'foreign',
  'defence',
  'defense',
  'finance',
  'interior',
  'trade',
  'state',
  // Fields that qualify a title ("Employment lawyer", "Race director"), not organisations.
  'employment',
  'race',
  'health',
  'energy',
  'justice',
  'education',
  'environment',
  'transport',
  'agriculture',
  'economy',
  'culture',
  'immigration',
  'tax',
  'criminal',
  'tournament',
  'police',
  'security',
  'intelligence',
  'communications',
  'policy',
  'legal',
  'medical',
  'technical',
  'sporting',
  'campaign',
  'election',
  'government',
  'vice',
  'general',
  'press',
  'senior',
  'former',
  'acting',
  'interim',
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'dr',
  'dr.',
  'sir',
  'dame',
  'lord',
  'king',
  'queen',
  'pope',
  'gen.',
  'lt.',
  'sen.',
  'rep.',
  'gov.',
  'councillor',
  'councilor',
  'alderman',
  'congressman',
  'congresswoman',
  'assemblyman',
  'assemblywoman',
  'cllr',
  'professor',
  'prof.',
]);

function isCapitalised(token: Token): boolean {
  const c = token.text.charCodeAt(0);
  return ((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xdd)) && !NOT_NAMES.has(token.text);
}

/** Lower-case words inside names: "Ingrid van Dijk", "Ursula von der Leyen". */
const NAME_PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'bin',
  'ter',
  'al',
]);

/**
 * A token of a name: a name word, a particle between name words, or a hyphenated part
 * written without spaces ("Lai Ching-te").
 */
function isNamePart(tokens: Token[], i: number): boolean {
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
function nameWords(tokens: Token[], from: number, to: number): string[] {
  const words: string[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (i > from && t.start === tokens[i - 1].end && (t.text === '-' || tokens[i - 1].text === '-'))
      words[words.length - 1] += t.text;
    else words.push(t.text);
  }
  return words;
}

/**
 * A word that can be part of a name: a capitalised proper noun, or a word the tagger calls a
 * common noun but that is written like a name ("SkyLark", "OSCE").
 */
function isNameWord(token: Token): boolean {
  if (!isCapitalised(token)) return false;
  return token.pos === 'PROPN' || /^[A-Z][a-z]+[A-Z]|^[A-Z]{2,}$/.test(token.text);
}

// ---------------------------------------------------------------------------------------------
// Attributed statements: a reporting verb outside quotes, and its speaker.

interface Verb {
  index: number;
  /** Index of the last token of the verb (the particle of a phrasal verb). */
  last: number;
  lemma: string;
  kind: StatementKind;
}

const PHRASAL_HEADS = new Set([...PHRASAL_VERBS.keys()].map((p) => p.split(' ')[0]));

function reportingVerbs(sentence: Sentence): Verb[] {
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
    if (['court', 'tribunal', 'judge', 'judges', 'arbitration'].includes(tokens[i].lower))
      return true;
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
function negated(tokens: Token[], index: number): boolean {
  if (tokens[index - 1]?.lower === 'as') return true;
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const t = tokens[i];
    if (NEGATORS.has(t.lemma) || NEGATORS.has(t.lower)) return true;
    if (t.pos === 'PUNCT' || t.mark) break;
  }
  return false;
}

const TIME_WORDS = new Set([
  'on',
  'in',
  'at',
  'last',
  'this',
  'next',
  'earlier',
  'later',
  'late',
  'early',
  'week',
  'month',
  'year',
  'weekend',
  'morning',
  'afternoon',
  'evening',
  'night',
  'today',
  'yesterday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);

/** Skips leftwards over auxiliaries, adverbs and a time phrase between a subject and its verb. */
function skipLeft(tokens: Token[], from: number): number {
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

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET', 'NUM', 'X', 'SYM']);

function isPossessive(token: Token): boolean {
  return token.text === "'s" || token.text === '’s' || token.text === "'" || token.text === '’';
}

/** The noun phrase ending at `end` (inclusive), leftwards: [from, end + 1). */
function phraseLeft(tokens: Token[], end: number): [number, number] | null {
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

/** Whether names from `at` run on to "and <name>" (the rest of a list after a comma). */
function listGoesOn(tokens: Token[], at: number): boolean {
  for (let i = at; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.lower === 'and') return i > at && tokens[i + 1]?.pos === 'PROPN';
    if (t.pos !== 'PROPN' && t.text !== ',') return false;
  }
  return false;
}

/** The noun phrase starting at `start`, rightwards: [start, to). */
function phraseRight(tokens: Token[], start: number): [number, number] | null {
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

function statementsOf(
  text: string,
  sentences: Sentence[],
  index: number,
  mentions: Mention[],
  context: Context,
): Candidate[] {
  const sentence = sentences[index];
  const tokens = sentence.tokens;
  const found: Found[] = [];
  let previous: Speaker[] = [];
  const attributed: Array<{
    verb: Verb;
    speakers: Speaker[];
    gerund: boolean;
    coordinated: boolean;
  }> = [];
  const verbs = reportingVerbs(sentence);
  if (verbs.length === 0 && !tokens.some((t) => t.lower === 'according')) return [];
  const unnamedRoles: Array<{ candidate: Candidate; role: string }> = [];
  for (const verb of verbs) {
    if (negated(tokens, verb.index)) continue;
    const gerund = /ing$/.test(tokens[verb.index].text);
    let speakers: Speaker[] = [];
    let coordinated = false;
    const left = skipLeft(tokens, verb.index - 1);
    const leftToken = tokens[left];
    if (leftToken && leftToken.pos === 'PRON' && !leftToken.quoted && !leftToken.mark) {
      if (previous.length > 0 && SPEAKER_PRONOUNS.has(leftToken.lower)) {
        // "Meta said it disagreed": the pronoun is this sentence's speaker; one statement.
        speakers = previous;
        coordinated = true;
      } else {
        const speaker = pronounSpeaker(leftToken, context);
        if (speaker) speakers = [speaker];
      }
    } else if (leftToken && (leftToken.text === 'and' || leftToken.text === 'but')) {
      // "China denied … and stressed …"; "Price refused to concede and called for …".
      speakers = previous.length > 0 ? previous : sentenceSubject(tokens, mentions, context);
      coordinated = previous.length > 0;
    } else if (leftToken && leftToken.text === ',' && gerund) {
      // "…, accusing Beijing of …", "…, insisting that …": the clause's speaker goes on; a
      // plain "saying" only elaborates the statement before it.
      speakers = previous.length > 0 ? previous : sentenceSubject(tokens, mentions, context);
      coordinated = previous.length > 0 && verb.kind === 'statement';
    } else if (leftToken && leftToken.text === ',') {
      // An apposition: "His lawyer, Miriam Cole, said".
      speakers = apposition(tokens, left, mentions, context);
    } else if (leftToken && !leftToken.quoted && !leftToken.mark) {
      let span = phraseLeft(tokens, left);
      // "a UN Security Council resolution calling for …": a document, not a speaker.
      if (span && gerund && DOCUMENT_NOUNS.has(tokens[span[1] - 1].lower)) span = null;
      if (span) speakers = resolvePhrase(tokens, span, mentions, context, gerund);
      // "The employment tribunal in Cardiff ruled": the subject is before the place.
      if (span && speakers.length === 0) {
        let k = span[1] - 1;
        while (k > span[0] && isNameWord(tokens[k])) k--;
        if (k > span[0] && k < span[1] - 1 && tokens[k].lower === 'in')
          speakers = resolvePhrase(tokens, [span[0], k], mentions, context, gerund);
      }
    }
    if (speakers.length === 0 && !gerund) {
      // Inverted: "“…,” said Peskov"; or "according to Peskov".
      const span = phraseRight(tokens, verb.last + 1);
      if (span && (leftToken === undefined || leftToken.mark === 'close' || leftToken.text === ','))
        speakers = resolvePhrase(tokens, span, mentions, context, false);
    }
    if (speakers.length === 0) continue;
    previous = speakers;
    attributed.push({ verb, speakers, gerund, coordinated });
  }
  // Who speaks in this sentence is not whom the others speak about.
  context.sentenceSpeakers = (attributed.length === 0 ? [] : mentions)
    .filter((m) =>
      attributed.some(({ speakers }) =>
        speakers.some((s) => s.span && m.from >= s.span[0] && m.to <= s.span[1]),
      ),
    )
    .map((m) => m.from);
  for (const { verb, speakers, gerund, coordinated } of attributed) {
    const objectSpan = TAKES_TARGET_OBJECT.has(verb.lemma)
      ? phraseRight(tokens, objectStart(tokens, verb.last + 1))
      : null;
    const next =
      attributed.length < 2
        ? []
        : attributed
            .filter((a) => a.verb.index > verb.index && !a.coordinated)
            .map((a) =>
              Math.min(a.verb.index, ...a.speakers.map((s) => s.span?.[0] ?? a.verb.index)),
            );
    // An earlier statement of the sentence is not what this one said ("The UN welcomed the
    // Turkish initiative, and Guterres said …").
    let clauseStart = -1;
    for (const a of attributed)
      if (a.verb.index < verb.index && !a.coordinated && a.speakers !== speakers)
        clauseStart = Math.max(clauseStart, a.verb.last);
    for (const speaker of speakers) {
      const candidate = build(
        text,
        sentences,
        index,
        mentions,
        speaker,
        verb,
        objectSpan,
        context,
        Math.min(Infinity, ...next),
        clauseStart,
      );
      candidate.confidence = round2(candidate.confidence - (gerund ? 0.1 : 0));
      found.push({ candidate, verbIndex: verb.index, coordinated });
      if (speaker.unnamedRole) unnamedRoles.push({ candidate, role: speaker.unnamedRole });
      else if (speaker.titled && speaker.span) rememberRole(tokens, speaker, context);
    }
  }
  // "according to X, …": a statement whose speaker follows the phrase.
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i].quoted || tokens[i].lower !== 'according' || tokens[i + 1].lower !== 'to')
      continue;
    const span = phraseRight(tokens, i + 2);
    if (!span) continue;
    for (const speaker of resolvePhrase(tokens, span, mentions, context, false)) {
      if (speaker.via === 'document' || speaker.via === 'pronoun') continue;
      const verb: Verb = { index: i, last: i + 1, lemma: 'according to', kind: 'statement' };
      const candidate = build(
        text,
        sentences,
        index,
        mentions,
        { ...speaker, via: 'according-to' },
        verb,
        null,
        context,
      );
      candidate.confidence = 0.75;
      found.push({ candidate, verbIndex: i, coordinated: false });
    }
  }
  if (new Set(found.map((c) => c.verbIndex)).size > 1) shareQuotes(text, tokens, found);
  const merged = mergeBySpeaker(found);
  const kept = unnamedRoles.filter((u) => merged.includes(u.candidate));
  context.unnamed = kept.length > 0 ? { sentence: index, found: kept } : null;
  return merged;
}

/**
 * Several reporting verbs in one sentence ("China warned NATO “…” after the alliance accused
 * Beijing …"): each quotation goes to the statement whose verb is nearest.
 */
function shareQuotes(text: string, tokens: Token[], found: Found[]): void {
  const runs: Array<{ at: number; text: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i].quoted) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].quoted) j++;
    runs.push({ at: i, text: text.slice(tokens[i].start, tokens[j].end).replace(/[\s,]+$/, '') });
    i = j;
  }
  const quotes = new Map<number, string[]>();
  for (const run of runs) {
    let nearest = found[0].verbIndex;
    for (const c of found)
      if (Math.abs(c.verbIndex - run.at) < Math.abs(nearest - run.at)) nearest = c.verbIndex;
    quotes.set(nearest, [...(quotes.get(nearest) ?? []), run.text]);
  }
  for (const c of found) {
    const own = quotes.get(c.verbIndex);
    c.candidate.quote = own ? own.join(' … ') : null;
  }
}

/** Where a verb's object starts: after "on", "upon", "to" and adverbs. */
function objectStart(tokens: Token[], from: number): number {
  let i = from;
  while (
    i < tokens.length &&
    (tokens[i].pos === 'ADV' || ['on', 'upon', 'to'].includes(tokens[i].lower))
  )
    i++;
  return i;
}

/** A statement found in a sentence, with where its verb is (the candidate is not copied). */
interface Found {
  candidate: Candidate;
  verbIndex: number;
  coordinated: boolean;
}

/** Coordinated verbs of one speaker ("denied … and stressed …") are one statement. */
function mergeBySpeaker(found: Found[]): Candidate[] {
  if (found.length === 1) return [found[0].candidate];
  const kept: Candidate[] = [];
  const bySpeaker = new Map<string, Candidate>();
  for (const { candidate, coordinated } of [...found].sort((a, b) => a.verbIndex - b.verbIndex)) {
    const known = bySpeaker.get(candidate.speaker.id);
    if (!known || !coordinated) {
      bySpeaker.set(candidate.speaker.id, candidate);
      kept.push(candidate);
      continue;
    }
    // The stronger verb's targets stand ("said the report was biased and accused France,
    // Germany and Britain of using the agency" is about the three).
    if (KIND_PRIORITY.indexOf(candidate.kind) < KIND_PRIORITY.indexOf(known.kind)) {
      known.kind = candidate.kind;
      known.verb = candidate.verb;
      known.allegation = candidate.allegation ?? known.allegation;
      if (candidate.targets.length > 0) known.targets = candidate.targets;
    } else if (known.targets.length === 0) known.targets = candidate.targets;
    if (candidate.quote && candidate.quote !== known.quote)
      known.quote = known.quote ? `${known.quote} … ${candidate.quote}` : candidate.quote;
  }
  return kept;
}

/** The subject of the sentence's first verb, for a verb whose own subject is elided. */
function sentenceSubject(tokens: Token[], mentions: Mention[], context: Context): Speaker[] {
  const first = tokens.findIndex(
    (t) => !t.quoted && !t.mark && (t.pos === 'VERB' || t.pos === 'AUX'),
  );
  if (first <= 0) return [];
  const left = skipLeft(tokens, first - 1);
  if (left < 0) return [];
  if (tokens[left].text === ',') return apposition(tokens, left, mentions, context);
  if (tokens[left].pos === 'PRON') {
    const speaker = pronounSpeaker(tokens[left], context);
    return speaker ? [speaker] : [];
  }
  const span = phraseLeft(tokens, left);
  return span ? resolvePhrase(tokens, span, mentions, context, false) : [];
}

/**
 * A subject with words between commas before its verb. The words may name the speaker ("His
 * lawyer, Miriam Cole, said"; "The riders' union, the CPA, demanded"), say whom a person speaks
 * for ("Rafael Grossi, director general of the agency, said"; "Nadia Rahman, of the firm Keller
 * Rahman, cautioned"), or only describe ("ASML, the Dutch maker of …, said"; "Hale, who has
 * lived in London since 2015, denies"; "An AU official, speaking on condition of anonymity,
 * said").
 */
function apposition(
  tokens: Token[],
  comma: number,
  mentions: Mention[],
  context: Context,
): Speaker[] {
  let open = comma - 1;
  while (open > 0 && !(tokens[open].text === ',' && !tokens[open].quoted)) {
    if (tokens[open].mark || tokens[open].quoted) return [];
    open--;
  }
  if (open <= 0) return [];
  const innerSpan = phraseRight(tokens, open + 1);
  const inner: [number, number] | null = innerSpan && innerSpan[1] === comma ? innerSpan : null;
  const outer = phraseLeft(tokens, open - 1);
  const outerStarts = outer !== null && (outer[0] === 0 || tokens[outer[0] - 1].text === ',');
  let named = inner ? resolvePhrase(tokens, inner, mentions, context, true) : [];
  if (inner && named.length === 0) {
    // "the CPA": a name the gazetteer does not know, proposed.
    const words = tokens.slice(inner[0], inner[1]).filter((t) => t.pos !== 'DET');
    if (words.length > 0 && words.every(isNameWord)) {
      const name = words.map((t) => t.text).join(' ');
      named = [
        {
          speaker: proposedRef(name),
          principal: null,
          via: 'named',
          span: inner,
        },
      ];
    }
  }
  const isPerson = (s: Speaker) => isPersonRef(s.speaker, context.gazetteer, context);
  // The whole subject, commas and all, is the speaker's phrase.
  const whole = (s: Speaker): Speaker => ({
    ...s,
    span: [outerStarts ? outer![0] : open + 1, comma],
  });
  if (named.length > 0 && (named.some(isPerson) || !outerStarts || !hasName(tokens, outer!))) {
    // The name between the commas speaks, for what the phrase before it names.
    if (!outer) return named;
    return named.map(whole).map((s) => {
      if (s.principal) return s;
      const about = resolveWords(tokens, outer, mentions, context, true).find(
        (o) => o.speaker.id !== s.speaker.id,
      );
      // "Its chief executive, Christophe Fouquet,": the organisation that spoke last.
      const its =
        ['its', 'their'].includes(tokens[outer[0]].lower) ||
        ['its', 'their'].includes(tokens[outer[0] - 1]?.lower ?? '')
          ? context.organisations[context.organisations.length - 1]?.speaker
          : undefined;
      const principal =
        about?.speaker ?? its ?? unknownOrganisation(tokens.slice(outer[0], outer[1])) ?? null;
      return { ...s, principal };
    });
  }
  if (!outerStarts) return [];
  const speakers = resolvePhrase(tokens, outer!, mentions, context, false);
  return speakers.map(whole).map((s) => {
    if (s.principal || !isPerson(s)) return s;
    // "…, co-leader of the far-right AfD,": whom the person speaks for.
    // "…, whose National Rally holds the balance,": the person's own organisation.
    const link = tokens.findIndex(
      (t, i) =>
        i > open &&
        i < comma &&
        (t.lower === 'of' || t.lower === 'at' || t.lower === 'for' || t.lower === 'whose'),
    );
    if (tokens[link]?.lower === 'whose') {
      let end = link + 1;
      while (end < comma && isNameWord(tokens[end])) end++;
      if (end > link + 1) {
        const name = tokens
          .slice(link + 1, end)
          .map((t) => t.text)
          .join(' ');
        return { ...s, principal: proposedRef(name) };
      }
    }
    if (link < 0) return s;
    const org = mentions.find(
      (m) => m.from > link && m.to <= comma && m.entry?.kind !== 'person' && m.how !== 'demonym',
    );
    let first = comma;
    while (first > link + 1 && isNameWord(tokens[first - 1])) first--;
    const trailing =
      first < comma
        ? tokens
            .slice(first, comma)
            .map((t) => t.text)
            .join(' ')
        : null;
    const principal =
      org?.actor ?? (trailing ? { id: slugOf(trailing), name: trailing, proposed: true } : null);
    return principal ? { ...s, principal } : s;
  });
}

/** Whether a phrase holds a capitalised word past its first (a name, not a description). */
function hasName(tokens: Token[], [from, to]: [number, number]): boolean {
  for (let i = from; i < to; i++)
    if (isNameWord(tokens[i]) && (i > from || tokens[i].pos === 'PROPN')) return true;
  return false;
}

function pronounSpeaker(token: Token, context: Context): Speaker | null {
  if (!SPEAKER_PRONOUNS.has(token.lower) || !context.last) return null;
  // "it" is not a person, "he" and "she" are.
  const person = isPersonRef(context.last.speaker, context.gazetteer, context);
  if (token.lower === 'it' ? person : (token.lower === 'he' || token.lower === 'she') && !person)
    return null;
  return { ...context.last, via: 'pronoun' };
}

/**
 * Who a speaker's phrase names: a person (known, near a known name, or new) speaking for the
 * body or state the phrase or the gazetteer gives; else the body or state itself; else a role
 * or document that carries the last speaker on. Coordinated actors ("the United States and
 * Europe") each speak.
 */
function resolvePhrase(
  tokens: Token[],
  span: [number, number],
  mentions: Mention[],
  context: Context,
  strict: boolean,
): Speaker[] {
  const speakers = resolveWords(tokens, span, mentions, context, strict);
  for (const speaker of speakers) speaker.span = span; // each one a fresh object
  return speakers;
}

/** An actor the gazetteer does not know, proposed under the slug of its name. */
function proposedRef(name: string): ActorRef {
  return { id: slugOf(name), name, proposed: true };
}

/** …speaking for itself. */
function newActor(name: string): Speaker {
  return { speaker: proposedRef(name), principal: null, via: 'named' };
}

function mentionRef(m: Mention): ActorRef {
  return m.actor;
}

function principalRef(g: Gazetteer, id: string): ActorRef | null {
  const p = g.principalOf(id);
  return p ? { id: p.id, name: p.name } : null;
}

function resolveWords(
  tokens: Token[],
  span: [number, number],
  mentions: Mention[],
  context: Context,
  strict: boolean,
): Speaker[] {
  const from = span[0];
  const to = span[1];
  const inside = mentions.filter((m) => m.from >= from && m.to <= to);
  const g = context.gazetteer;
  const words = tokens.slice(from, to);
  const lowers = words.map((t) => t.lower);
  // A person: known to the gazetteer, or the capitalised words that end the phrase.
  // A name the text gave a person earlier counts when it ends the phrase ("Abdelatty"); else
  // it may be an organisation's ("Hallam Stone chief executive Sara Lind").
  let person: Mention | null = null;
  for (let k = inside.length - 1; k >= 0 && !person; k--)
    if (inside[k].entry?.kind === 'person') person = inside[k];
  person ??= inside.find((m) => m.how === 'person-name' && m.to === to) ?? null;
  if (!person) person = nameAtEnd(tokens, from, to, inside, context);
  // "Analyst Rob Keane of Hartwell Research": a person, then whom they speak for.
  let linkedOrganisation: ActorRef | null = null;
  if (!person) {
    const link = lowers.findIndex((w, i) => i > 0 && (w === 'of' || w === 'at' || w === 'from'));
    const named =
      link > 0
        ? (inside.find((m) => m.how === 'person-name' && m.to === from + link) ??
          nameAtEnd(tokens, from, from + link, inside, context))
        : null;
    if (named && named.to - named.from >= 2) {
      person = named;
      const org = inside.find((m) => m.from > from + link && m.entry?.kind !== 'person');
      const after = words.slice(link + 1).filter((t) => t.pos !== 'DET');
      const name = after.map((t) => t.text).join(' ');
      linkedOrganisation =
        org?.actor ?? (after.length > 0 && after.every(isNameWord) ? proposedRef(name) : null);
    }
  }
  const organisations = inside.filter(
    (m) => m.entry?.kind !== 'person' && m.how !== 'demonym' && m !== person,
  );
  const demonym = inside.find((m) => m.how === 'demonym');
  const hasBody = lowers.some((w) => BODY_NOUNS.has(w));
  const hasRole = lowers.some((w) => ROLE_NOUNS.has(w));
  if (person) {
    let principal = person.entry
      ? principalRef(g, person.entry.id)
      : (linkedOrganisation ?? context.principals.get(person.actor.id) ?? null);
    if (!principal) {
      const org = organisations[organisations.length - 1] ?? demonym;
      if (org)
        principal = org.entry
          ? (principalRef(g, org.entry.id) ?? mentionRef(org))
          : mentionRef(org);
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
    return [
      {
        speaker: person.actor,
        principal,
        via: person.how === 'near-name' ? 'near-name' : 'named',
        titled: lowers.slice(0, person.from - from).some((w) => TITLE_WORDS.has(w)),
      },
    ];
  }
  // A name with "of" in it: "the American Academy of Pediatrics", "the Communications Workers
  // of America union", "the Independent Workers' Union of Great Britain", "the Bank of Russia".
  const whole = wholeName(tokens, from, to, inside);
  if (whole)
    return [
      {
        speaker: { id: slugOf(whole), name: whole, proposed: true },
        principal: null,
        via: 'named',
      },
    ];
  // A body of an organisation the gazetteer does not know: "Commerzbank's works council".
  const owner = words.findIndex((t, i) => i > 0 && isPossessive(t));
  if (
    owner > 0 &&
    !organisations.length &&
    !demonym &&
    BODY_NOUNS.has(lowers[lowers.length - 1]) &&
    words.slice(0, owner).every((t) => isNameWord(t) || t.pos === 'DET') &&
    words.slice(owner + 1).every((t) => !isCapitalised(t))
  ) {
    const ownerWords = words.slice(0, owner).filter((t) => t.pos !== 'DET');
    const ownerName = ownerWords.map((t) => t.text).join(' ');
    const body = words.slice(owner + 1).map((t) => t.text);
    if (ownerWords.length > 0 && body.length > 0) {
      const name = `${ownerName} ${body.join(' ')}`;
      return [
        {
          speaker: proposedRef(name),
          principal: { id: slugOf(ownerName), name: ownerName, proposed: true },
          via: 'named',
        },
      ];
    }
  }
  // A body of a state named by the phrase but not known: "Russia's Defence Ministry".
  const state = organisations.find((m) => m.entry?.kind === 'state') ?? demonym;
  if (hasBody && state && !organisations.some((m) => m.entry?.kind === 'government-body')) {
    const bodyWords = words
      .slice(state.to - from)
      .filter((t) => !isPossessive(t) && t.pos !== 'DET')
      .map((t) => t.text);
    const body = bodyWords.slice(
      0,
      bodyWords.findIndex((w) => BODY_NOUNS.has(w.toLowerCase())) + 1,
    );
    // A state's government, or its authorities, speak as the state: "the Dutch government",
    // "Sudan's army-backed government".
    if (STATE_ITSELF.has(lowers[lowers.length - 1]) && state.entry?.kind === 'state')
      return [{ speaker: state.actor, principal: null, via: 'named' }];
    if (
      body.length > 0 &&
      STATE_ITSELF.has(body[body.length - 1].toLowerCase()) &&
      state.entry?.kind === 'state'
    )
      return [{ speaker: state.actor, principal: null, via: 'named' }];
    if (body.length > 0) {
      const name = `${state.actor.name} ${body.join(' ')}`;
      return [
        {
          speaker: { id: slugOf(`${state.actor.id} ${body.join(' ')}`), name, proposed: true },
          principal: state.entry?.kind === 'state' ? state.actor : mentionRef(state),
          via: 'named',
        },
      ];
    }
  }
  if (organisations.length > 0) {
    const separate = organisations.filter(
      (m, i) =>
        i === 0 || lowers.slice(organisations[i - 1].to - from, m.from - from).includes('and'),
    );
    const speakers = (
      separate.length > 1 ? separate : [organisations[organisations.length - 1]]
    ).map((m): Speaker => ({
      speaker: m.actor,
      principal: m.entry ? principalRef(g, m.entry.id) : null,
      via: 'named',
    }));
    // "Turkey's president", "the mayor of Chicago", "The head of the UN nuclear watchdog": a
    // role with no name, which the next sentence may name.
    if (speakers.length === 1) speakers[0].unnamedRole = unnamedRole(lowers);
    return speakers;
  }
  // "a senior French diplomat": someone speaking for the state the adjective names.
  if (demonym?.entry && hasRole)
    return [{ speaker: demonym.actor, principal: principalRef(g, demonym.entry.id), via: 'role' }];
  if (strict) return [];
  const head = lowers[lowers.length - 1];
  const definite = ['the', 'its', 'their', 'his', 'her'].includes(lowers[0]);
  if (context.last && definite && DOCUMENT_NOUNS.has(head))
    return [{ ...context.last, via: 'document' }];
  // "the airline", "the lender", "a company spokesman": an organisation the text introduced.
  const kindWord = lowers.find((w) => DESCRIPTOR_NOUNS.has(w));
  if (kindWord && (definite || lowers[0] === 'a')) {
    const introduced = introducedAs(kindWord, context);
    if (introduced) return [{ speaker: introduced, principal: null, via: 'role' }];
  }
  if (definite && ORGANISATION_NOUNS.has(head)) {
    // "the commission denied": the last organisation of that name that spoke, else the last
    // organisation; "the electoral commission" with none before is an organisation of its own.
    const named = [...context.organisations]
      .reverse()
      .find((o) => o.speaker.name.toLowerCase().split(/\s+/).includes(head));
    if (named) return [{ ...named, via: 'role' }];
    const descriptive = words.filter((t) => t.pos !== 'DET' && !isPossessive(t));
    // "the GMB union": the name, without the word that says what it is.
    const nameWords = descriptive.slice(0, -1);
    const isName =
      nameWords.length > 0 &&
      nameWords.every(isNameWord) &&
      !isNameWord(descriptive[descriptive.length - 1]);
    if (isName && !lowers.some((w) => ROLE_NOUNS.has(w))) {
      const name = nameWords.map((t) => t.text).join(' ');
      return [newActor(name)];
    }
    // ("the national financial prosecutor's office": a role that owns the body names it.)
    const roleOfSpeaker = lowers.some(
      (w, i) => ROLE_NOUNS.has(w) && !isPossessive(words[i + 1] ?? words[i]),
    );
    if (descriptive.length > 1 && !roleOfSpeaker) {
      const name = descriptive.map((t) => t.text).join(' ');
      return [newActor(name)];
    }
    // A collective noun ("the group", "the company") may refer to the last organisation that
    // spoke; a state body ("the ministry") is not guessed.
    const last = context.organisations[context.organisations.length - 1];
    if (last && !BODY_NOUNS.has(head)) return [{ ...last, via: 'role' }];
  }
  // "the minister said" carries on the last speaker; "the department said" only a body.
  // ("the governor's office" is a body too.)
  if (
    context.last &&
    definite &&
    (BODY_NOUNS.has(head)
      ? !isPersonRef(context.last.speaker, g, context)
      : ROLE_NOUNS.has(head) || hasRole)
  )
    return [{ ...context.last, via: 'role' }];
  // "the Dutchman added", "the 27-year-old said": the person the text named last (who spoke,
  // or of whom it told: "forward Vinicius Junior was abused … The Brazilian wrote").
  if (definite && (PERSON_DESCRIPTIONS.has(head) || /-year-old$/.test(head))) {
    const person = context.lastPerson;
    if (person)
      return [
        {
          speaker: person,
          principal: context.principals.get(person.id) ?? null,
          via: 'role',
        },
      ];
  }
  if (demonym?.entry?.kind === 'state' && head === 'authorities')
    return [{ speaker: demonym.actor, principal: null, via: 'named' }];
  // "German carmakers": a group the adjective's state qualifies.
  if (demonym && words.every((t) => t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN')) {
    const name = words.map((t) => t.text).join(' ');
    return [newActor(name)];
  }
  // "Analysts at Stanmore Securities": people speaking for an organisation named after them.
  const link = lowers.findIndex((w, i) => i > 0 && (w === 'at' || w === 'from' || w === 'of'));
  if (link > 0) {
    const after = words.slice(link + 1).filter((t) => t.pos !== 'DET');
    if (after.length > 0 && after.every((t) => isNameWord(t))) {
      const name = after.map((t) => t.text).join(' ');
      return [
        {
          speaker: proposedRef(name),
          principal: null,
          via: 'named',
          unnamedRole: unnamedRole(lowers.slice(0, link)),
        },
      ];
    }
  }
  // "The Red Bull team principal": someone in a role at an organisation the text names.
  const roleAt = lowers.findIndex((w) => ROLE_NOUNS.has(w));
  if (definite && roleAt > 1) {
    const org = words.slice(1, roleAt).filter((t) => !DESCRIPTOR_NOUNS.has(t.lower));
    if (org.length > 0 && org.every(isNameWord)) {
      const name = org.map((t) => t.text).join(' ');
      return [
        {
          speaker: proposedRef(name),
          principal: null,
          via: 'named',
          unnamedRole: unnamedRole(lowers),
        },
      ];
    }
  }
  // "Poultry exporters", "Housing advocates", "two negotiators": a group named by what its
  // members are.
  const members =
    words.length > 1 && (words[0].pos === 'NUM' || QUANTITIES.has(lowers[0]))
      ? words.slice(1)
      : words;
  if (
    lowers[0] !== 'a' &&
    lowers[0] !== 'an' &&
    members.length <= 3 &&
    members.every(
      (t) => t.pos === 'NOUN' || t.pos === 'ADJ' || (t === members[0] && t.pos === 'PROPN'),
    ) &&
    // (plural: "exporters", "fishermen", "people")
    (/s$|men$/.test(head) || head === 'people' || head === 'police') &&
    !ROLE_NOUNS.has(head) &&
    !DOCUMENT_NOUNS.has(head)
  ) {
    const name = members.map((t) => t.text).join(' ');
    return [newActor(name)];
  }
  // A capitalised name the gazetteer does not know ("Acme Corp"), after any word that only
  // says what it is ("Carmaker Nordwagen"): proposed.
  // "Rival search engine DuckDuckGo": a name after the words that say what it is.
  let nameStart = words.length;
  while (nameStart > 0 && isNameWord(words[nameStart - 1])) nameStart--;
  if (
    nameStart > 0 &&
    nameStart < words.length &&
    (words[nameStart - 1].pos === 'NOUN' || words[nameStart - 1].pos === 'ADJ') &&
    !TITLE_WORDS.has(lowers[nameStart - 1]) &&
    !isCapitalised(words[nameStart - 1])
  ) {
    const name = words
      .slice(nameStart)
      .map((t) => t.text)
      .join(' ');
    return [newActor(name)];
  }
  // ("France Unbowed party": without the word after the name that says what it is.)
  let named = withoutDescriptors(words);
  // ("The far-left France Unbowed party": without the words that qualify it either.)
  let first = 0;
  while (
    first < named.length - 1 &&
    !isCapitalised(named[first]) &&
    (named[first].text === '-' || ['ADJ', 'ADV', 'VERB', 'DET'].includes(named[first].pos))
  )
    first++;
  named = named.slice(first);
  if (named.length > 1 && DESCRIPTOR_NOUNS.has(named[named.length - 1].lower))
    named = named.slice(0, -1);
  const capitals = named.filter((t) => isNameWord(t));
  if (capitals.length > 0 && capitals.length === named.length) {
    const name = capitals.map((t) => t.text).join(' ');
    return [newActor(name)];
  }
  return [];
}

/** A capitalised name joined by "of" that no one mention covers, without its article and a
 * last word saying what it is. */
function wholeName(tokens: Token[], from: number, to: number, inside: Mention[]): string | null {
  let a = from;
  while (a < to && tokens[a].pos === 'DET') a++;
  let b = to;
  if (b - 1 > a && !isCapitalised(tokens[b - 1]) && DESCRIPTOR_NOUNS.has(tokens[b - 1].lower)) b--;
  if (b - a < 3 || !isCapitalised(tokens[a]) || !isCapitalised(tokens[b - 1])) return null;
  let of = false;
  for (let i = a; i < b; i++) {
    const t = tokens[i];
    if (t.lower === 'of') of = true;
    else if (ROLE_NOUNS.has(t.lower)) return null;
    else if (!(isCapitalised(t) || t.lower === 'and' || t.lower === 'the' || isPossessive(t)))
      return null;
  }
  if (!of || inside.some((m) => m.from <= a && m.to >= b)) return null;
  return tokens
    .slice(a, b)
    .map((t, i) => (i > 0 && !isPossessive(t) ? ' ' : '') + t.text)
    .join('');
}

/** The phrase without its article and the words before a name that say what it is. */
function withoutDescriptors(words: Token[]): Token[] {
  let i = 0;
  while (i < words.length - 1 && (words[i].pos === 'DET' || DESCRIPTOR_NOUNS.has(words[i].lower)))
    i++;
  return words.slice(i);
}

/**
 * An organisation the gazetteer does not know, named before a role in a person's phrase:
 * "Acme Mining chief executive Jane Doe" → Acme Mining (proposed).
 */
function unknownOrganisation(words: Token[]): ActorRef | null {
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

function build(
  text: string,
  sentences: Sentence[],
  index: number,
  mentions: Mention[],
  speaker: Speaker,
  verb: Verb,
  objectSpan: [number, number] | null,
  context: Context,
  /** Where the next statement of the sentence begins: its words are not this one's. */
  clauseEnd = Infinity,
  /** Where the one before ends. */
  clauseStart = -1,
): Candidate {
  const sentence = sentences[index];
  const tokens = sentence.tokens;
  const [start, end] = statementSpan(sentences, index);
  // The speaker's own side is not a target: "Iran's foreign ministry spokesman … said".
  const own = new Set([speaker.speaker.id, speaker.principal?.id]);
  for (let id = speaker.principal?.id; id;) {
    id = context.gazetteer.principalOf(id)?.id;
    if (id) own.add(id);
  }
  if (speaker.span)
    for (const m of mentions)
      if (m.from >= speaker.span[0] && m.to <= speaker.span[1]) own.add(m.actor.id);
  // Places and settings are not targets: "a summit in Washington", "the conflict over Ukraine".
  const setting = (m: Mention) => {
    const before = tokens[m.from - 1]?.pos === 'DET' ? tokens[m.from - 2] : tokens[m.from - 1];
    // ("in Sudan's internal affairs" is about Sudan.)
    return PLACE_PREPOSITIONS.has(before?.lower ?? '') && !isPossessive(tokens[m.to] ?? tokens[0]);
  };
  const targetOf = (m: Mention) =>
    !own.has(m.actor.id) &&
    (m.how !== 'demonym' || STATE_THINGS.has(tokens[m.to]?.lower ?? '')) &&
    !setting(m);
  let targets: ActorRef[] = [];
  if (objectSpan) {
    targets = mentions
      // A name may run past where the tagger ends the phrase ("the Russian anti-doping agency").
      .filter((m) => m.from >= objectSpan[0] && m.from < objectSpan[1] && targetOf(m))
      .map((m) => m.actor);
    if (targets.length === 0 && objectSpan[1] - objectSpan[0] === 1) {
      const word = tokens[objectSpan[0]];
      if (word.pos === 'PRON' && word.lower === 'it' && context.last)
        targets = [context.last.speaker];
    }
    if (targets.length === 0) {
      const all = tokens.slice(objectSpan[0], objectSpan[1]);
      const words = all.filter((t) => t.pos !== 'DET');
      const lowers = all.map((t) => t.lower);
      if (words.length > 0 && words.length <= 4 && words.every(isNameWord)) {
        // "criticised the Social Democrats": a name the gazetteer does not know (not whom one
        // tells: "told Bloomberg" is the audience).
        const name = words.map((t) => t.text).join(' ');
        const known = context.people.get(name) ?? context.organisationNames.get(name);
        if (known) targets = [known];
        else if (verb.lemma !== 'tell') targets = [proposedRef(name)];
      } else if (
        lowers.length === 2 &&
        lowers[0] === 'the' &&
        (lowers[1] === 'government' || lowers[1] === 'authorities')
      ) {
        // "Britain's Conservative Party accused the government": the state the speaker's words
        // name; "Brazil and Colombia urged the authorities": else the last state named.
        const span = speaker.span;
        const inSpan = span
          ? mentions.find(
              (m) =>
                m.entry?.kind === 'state' &&
                m.from >= span[0] &&
                m.to <= span[1] &&
                (m.how === 'demonym' || isPossessive(tokens[m.to] ?? tokens[m.from])),
            )
          : undefined;
        const state = inSpan?.actor ?? [...context.states].reverse().find((a) => !own.has(a.id));
        if (state) targets = [state];
      } else if (
        lowers.length === 2 &&
        lowers[0] === 'the' &&
        describedActor(lowers[1], undefined, context)
      ) {
        // "accused the company", "urged the mayor".
        const described = describedActor(lowers[1], undefined, context)!;
        if (!own.has(described.id)) targets = [described];
      } else if (
        lowers.length === 2 &&
        (lowers[0] === 'both' || lowers[0] === 'the') &&
        PAIRS.has(lowers[1])
      ) {
        targets = bothSides(context, own);
      } else if (
        lowers.length === 3 &&
        lowers[0] === 'the' &&
        lowers[1] === 'two' &&
        PAIRS.has(lowers[2])
      ) {
        targets = bothSides(context, own);
      }
    }
  }
  // Whom one tells is the audience ("told reporters", "told the news agency RIA"): what was
  // said is about the actors after it.
  // So is whom one urges or asks, when no actor: "asked a federal judge to force Google …".
  const audience =
    (verb.lemma === 'tell' || (verb.kind === 'appeal' && targets.length === 0)) &&
    objectSpan !== null;
  if (audience && targets.length > 0 && mediaBefore(tokens, objectSpan![0], objectSpan![1]))
    targets = [];
  if (targets.length === 0 && (!objectSpan || audience)) {
    // Without an object, whom the words are about: actors named in the rest of the sentence
    // (after the verb, or before the speaker when the words come first: "“…,” X said").
    const [from, to] = speaker.span
      ? [
          Math.min(speaker.span[0], verb.index),
          Math.max(speaker.span[1] - 1, audience ? objectSpan![1] - 1 : verb.last),
        ]
      : [verb.index, audience ? objectSpan![1] - 1 : verb.last];
    // Words before the speaker are what was said only when they hold a quotation or a clause
    // ("Iran broke its pledge, the agency said"); else they set the scene ("In a letter to
    // the UN, Egypt's minister said …").
    // "…, a move that drew an angry response from Beijing": the reporter's aside.
    let aside = Infinity;
    for (let i = to + 1; i + 3 < tokens.length && aside === Infinity; i++)
      if (
        tokens[i].text === ',' &&
        tokens[i + 1].pos === 'DET' &&
        tokens[i + 2].pos === 'NOUN' &&
        (tokens[i + 3].lower === 'that' || tokens[i + 3].lower === 'which')
      )
        aside = i;
    let leftSaid = false;
    for (let i = clauseStart + 1; i < from && !leftSaid; i++)
      leftSaid =
        tokens[i].quoted ||
        tokens[i].mark !== null ||
        ((tokens[i].pos === 'VERB' || tokens[i].pos === 'AUX') && !/ing$/.test(tokens[i].lower));
    const others = new Set(context.sentenceSpeakers);
    targets = mentions
      .filter(
        (m) =>
          ((m.to <= from && m.from > clauseStart && leftSaid) ||
            (m.from > to && m.from < clauseEnd && m.from < aside)) &&
          targetOf(m) &&
          !others.has(m.from),
      )
      .map((m) => m.actor);
    // "…demanded that the company open talks", "…every promise the minister made": an
    // actor the text introduced, named by what it is or by its role.
    for (let i = to + 1; i < Math.min(clauseEnd, aside, tokens.length - 1); i++) {
      if (tokens[i].lower !== 'the') continue;
      const described = describedActor(tokens[i + 1].lower, tokens[i + 2], context);
      if (described && !own.has(described.id)) targets.push(described);
    }
  }
  const quote = quoteOf(text, sentences, index);
  let allegation: string | null = null;
  if (verb.kind === 'accusation') {
    const after = objectSpan ? objectSpan[1] : verb.last + 1;
    const opener = tokens[after]?.lower;
    if (opener === 'of' || opener === 'that' || opener === 'for') {
      const last = tokens.length - 1 - (tokens[tokens.length - 1].pos === 'PUNCT' ? 1 : 0);
      const stop = tokens.findIndex(
        (t, i) =>
          i > after && (t.text === ';' || (t.pos === 'SCONJ' && i > after + 1 && !t.quoted)),
      );
      const endToken = tokens[stop > 0 ? stop - 1 : last];
      allegation = text.slice(tokens[after].start, endToken.end).replace(/[\s,”"]+$/, '');
    }
  }
  let confidence =
    speaker.via === 'named'
      ? speaker.speaker.proposed
        ? 0.7
        : 0.85
      : speaker.via === 'near-name'
        ? 0.7
        : speaker.via === 'pronoun' || speaker.via === 'continuation'
          ? 0.7
          : 0.6;
  if (quote) confidence += 0.05;
  return {
    speaker: speaker.speaker,
    principal: speaker.principal,
    kind: verb.kind,
    targets: dedupe(targets),
    quote,
    allegation,
    text: text.slice(start, end),
    start,
    end,
    confidence: round2(Math.min(confidence, 0.95)),
    via: speaker.via,
    verb: tokens[verb.index] ? text.slice(tokens[verb.index].start, tokens[verb.last].end) : null,
  };
}

/** A sentence whose quotation goes on into the next. */
function runsOnward(s: Sentence): boolean {
  const final = s.tokens[s.tokens.length - 1];
  return final.quoted || final.mark === 'open';
}

/** The sentence, widened to the sentences a quotation in it spans. */
function statementSpan(sentences: Sentence[], index: number): [number, number] {
  let first = index;
  let last = index;
  while (
    first > 0 &&
    sentences[first].tokens[0]?.quoted &&
    sentences[first - 1].paragraph === sentences[index].paragraph
  )
    first--;
  while (
    last + 1 < sentences.length &&
    runsOnward(sentences[last]) &&
    sentences[last + 1].paragraph === sentences[index].paragraph
  )
    last++;
  return [sentences[first].start, sentences[last].end];
}

/** The quotations within the statement's span. */
function quoteOf(text: string, sentences: Sentence[], index: number): string | null {
  const [start, end] = statementSpan(sentences, index);
  const runs: string[] = [];
  let runStart: number | null = null;
  let runEnd = 0;
  let first = index;
  while (first > 0 && sentences[first - 1].end >= start) first--;
  for (let s = first; s < sentences.length && sentences[s].start <= end; s++) {
    for (const token of sentences[s].tokens) {
      if (token.quoted) {
        runStart ??= token.start;
        runEnd = token.end;
      } else if (token.mark === 'close' && runStart !== null) {
        runs.push(text.slice(runStart, runEnd));
        runStart = null;
      }
    }
  }
  if (runStart !== null) runs.push(text.slice(runStart, runEnd));
  const quote = runs
    .map((r) => r.replace(/[\s,]+$/, ''))
    .filter((r) => r.length > 0)
    .join(' … ');
  return quote.length > 0 ? quote : null;
}

/**
 * A sentence that is all quotation, right after an attributed statement: the same speaker
 * goes on. A first-person reporting verb inside sets the kind ("We call on NATO to …").
 */
function continuation(
  text: string,
  sentences: Sentence[],
  index: number,
  mentions: Mention[],
  context: Context,
): Candidate | null {
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
  let kind: StatementKind = 'statement';
  let objectSpan: [number, number] | null = null;
  let verb: Verb = { index: -1, last: -1, lemma: '', kind };
  for (let i = 1; i < tokens.length; i++) {
    const subject = tokens[i - 1].lower;
    if (subject !== 'we' && subject !== 'i') continue;
    const next = tokens[i + 1]?.lower;
    const phrasal = next ? PHRASAL_VERBS.get(`${tokens[i].lemma} ${next}`) : undefined;
    const found = phrasal ?? REPORTING_VERBS.get(tokens[i].lemma);
    if (!found) continue;
    kind = found;
    const lemma = phrasal ? `${tokens[i].lemma} ${next}` : tokens[i].lemma;
    verb = { index: i, last: phrasal ? i + 1 : i, lemma, kind };
    if (TAKES_TARGET_OBJECT.has(lemma))
      objectSpan = phraseRight(tokens, objectStart(tokens, verb.last + 1));
    break;
  }
  const candidate = build(
    text,
    sentences,
    index,
    mentions,
    { ...context.last, via: 'continuation' },
    verb,
    objectSpan,
    context,
  );
  candidate.verb = verb.index >= 0 ? candidate.verb : null;
  return candidate;
}

const PLACE_PREPOSITIONS = new Set([
  'in',
  'at',
  'over',
  'across',
  'throughout',
  'during',
  'inside',
  'near',
]);

function dedupe(actors: ActorRef[]): ActorRef[] {
  const seen = new Set<string>();
  return actors.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
