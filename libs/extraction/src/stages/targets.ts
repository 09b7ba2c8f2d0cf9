/**
 * Targets: whom a statement is about or addressed to. The verb's object ("accused Beijing",
 * "urged the mayor", "called on both sides"), else the actors in the rest of the clause; never
 * the speaker's own side, a place, or the audience one tells.
 */
import { MEDIA, PAIRS, STATE_THINGS } from '../lexicon/organisations';
import { PLACE_PREPOSITIONS } from '../lexicon/phrases';
import { Token } from '../text';
import { bothSides, Context, describedActor, proposedRef } from './context';
import { ActorRef, Mention, SentenceAt, Speaker, Verb } from './types';
import { isNameWord, isPossessive } from './words';

/** One statement's parts, as the target rules read them. */
interface Statement {
  tokens: Token[];
  mentions: Mention[];
  speaker: Speaker;
  verb: Verb;
  context: Context;
  /** The speaker's own side: the speaker, whom they speak for, and the actors in their phrase. */
  own: Set<string | undefined>;
}

export function targetsOf(
  at: SentenceAt,
  speaker: Speaker,
  verb: Verb,
  objectSpan: [number, number] | null,
  context: Context,
  clauseEnd: number,
  clauseStart: number,
): ActorRef[] {
  const tokens = at.sentences[at.index].tokens;
  const own = ownSide(speaker, at.mentions, context);
  const s: Statement = { tokens, mentions: at.mentions, speaker, verb, context, own };
  let targets: ActorRef[] = objectSpan ? objectTargets(s, objectSpan) : [];
  // Whom one tells is the audience ("told reporters", "told the news agency RIA"): what was
  // said is about the actors after it.
  // So is whom one urges or asks, when no actor: "asked a federal judge to force Google …".
  const audience =
    (verb.lemma === 'tell' || (verb.kind === 'appeal' && targets.length === 0)) &&
    objectSpan !== null;
  if (audience && targets.length > 0 && mediaBefore(tokens, objectSpan![0], objectSpan![1]))
    targets = [];
  if (targets.length === 0 && (!objectSpan || audience))
    targets = clauseTargets(s, audience ? objectSpan : null, clauseEnd, clauseStart);
  return targets;
}

/** The speaker's own side is not a target: "Iran's foreign ministry spokesman … said". */
function ownSide(speaker: Speaker, mentions: Mention[], context: Context): Set<string | undefined> {
  const own = new Set([speaker.speaker.id, speaker.principal?.id]);
  for (let id = speaker.principal?.id; id;) {
    id = context.gazetteer.principalOf(id)?.id;
    if (id) own.add(id);
  }
  if (speaker.span)
    for (const m of mentions)
      if (m.from >= speaker.span[0] && m.to <= speaker.span[1]) own.add(m.actor.id);
  return own;
}

/** A mention that can be a target: not the speaker's side, a bare adjective, or a place. */
function isTarget(s: Statement, m: Mention): boolean {
  const tokens = s.tokens;
  return (
    !s.own.has(m.actor.id) &&
    (m.how !== 'demonym' || STATE_THINGS.has(tokens[m.to]?.lower ?? '')) &&
    !setting(tokens, m)
  );
}

/** Places and settings are not targets: "a summit in Washington", "the conflict over Ukraine". */
function setting(tokens: Token[], m: Mention): boolean {
  const before = tokens[m.from - 1]?.pos === 'DET' ? tokens[m.from - 2] : tokens[m.from - 1];
  // ("in Sudan's internal affairs" is about Sudan.)
  return PLACE_PREPOSITIONS.has(before?.lower ?? '') && !isPossessive(tokens[m.to] ?? tokens[0]);
}

/** The actors the verb's object names, or refers to ("it", "the company", "both sides"). */
function objectTargets(s: Statement, objectSpan: [number, number]): ActorRef[] {
  const { tokens, context } = s;
  const targets = s.mentions
    // A name may run past where the tagger ends the phrase ("the Russian anti-doping agency").
    .filter((m) => m.from >= objectSpan[0] && m.from < objectSpan[1] && isTarget(s, m))
    .map((m) => m.actor);
  if (targets.length > 0) return targets;
  if (objectSpan[1] - objectSpan[0] === 1) {
    const word = tokens[objectSpan[0]];
    if (word.pos === 'PRON' && word.lower === 'it' && context.last) return [context.last.speaker];
  }
  return unnamedObject(s, objectSpan);
}

/** An object with no mention in it: a name not known, or an actor named before. */
function unnamedObject(s: Statement, objectSpan: [number, number]): ActorRef[] {
  const { tokens, mentions, speaker, context, own } = s;
  const all = tokens.slice(objectSpan[0], objectSpan[1]);
  const words = all.filter((t) => t.pos !== 'DET');
  const lowers = all.map((t) => t.lower);
  if (words.length > 0 && words.length <= 4 && words.every(isNameWord)) {
    // "criticised the Social Democrats": a name the gazetteer does not know (not whom one
    // tells: "told Bloomberg" is the audience).
    const name = words.map((t) => t.text).join(' ');
    const known = context.people.get(name) ?? context.organisationNames.get(name);
    if (known) return [known];
    return s.verb.lemma !== 'tell' ? [proposedRef(name)] : [];
  }
  if (
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
    return state ? [state] : [];
  }
  if (lowers.length === 2 && lowers[0] === 'the' && describedActor(lowers[1], undefined, context)) {
    // "accused the company", "urged the mayor".
    const described = describedActor(lowers[1], undefined, context)!;
    return own.has(described.id) ? [] : [described];
  }
  if (lowers.length === 2 && (lowers[0] === 'both' || lowers[0] === 'the') && PAIRS.has(lowers[1]))
    return bothSides(context, own);
  if (lowers.length === 3 && lowers[0] === 'the' && lowers[1] === 'two' && PAIRS.has(lowers[2]))
    return bothSides(context, own);
  return [];
}

/**
 * Without an object, whom the words are about: actors named in the rest of the sentence
 * (after the verb, or before the speaker when the words come first: "“…,” X said"); after
 * whom one tells (`audience`), the actors after them.
 */
function clauseTargets(
  s: Statement,
  audience: [number, number] | null,
  clauseEnd: number,
  clauseStart: number,
): ActorRef[] {
  const { tokens, speaker, verb, context, own } = s;
  const [from, to] = speaker.span
    ? [
        Math.min(speaker.span[0], verb.index),
        Math.max(speaker.span[1] - 1, audience ? audience[1] - 1 : verb.last),
      ]
    : [verb.index, audience ? audience[1] - 1 : verb.last];
  const aside = asideAfter(tokens, to);
  const leftSaid = saidBefore(tokens, clauseStart, from);
  const others = new Set(context.sentenceSpeakers);
  const targets = s.mentions
    .filter(
      (m) =>
        ((m.to <= from && m.from > clauseStart && leftSaid) ||
          (m.from > to && m.from < clauseEnd && m.from < aside)) &&
        isTarget(s, m) &&
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
  return targets;
}

/** "…, a move that drew an angry response from Beijing": where the reporter's aside begins. */
function asideAfter(tokens: Token[], to: number): number {
  for (let i = to + 1; i + 3 < tokens.length; i++)
    if (
      tokens[i].text === ',' &&
      tokens[i + 1].pos === 'DET' &&
      tokens[i + 2].pos === 'NOUN' &&
      (tokens[i + 3].lower === 'that' || tokens[i + 3].lower === 'which')
    )
      return i;
  return Infinity;
}

/**
 * Words before the speaker are what was said only when they hold a quotation or a clause
 * ("Iran broke its pledge, the agency said"); else they set the scene ("In a letter to the
 * UN, Egypt's minister said …").
 */
function saidBefore(tokens: Token[], clauseStart: number, from: number): boolean {
  for (let i = clauseStart + 1; i < from; i++)
    if (
      tokens[i].quoted ||
      tokens[i].mark !== null ||
      ((tokens[i].pos === 'VERB' || tokens[i].pos === 'AUX') && !/ing$/.test(tokens[i].lower))
    )
      return true;
  return false;
}

function mediaBefore(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (MEDIA.has(tokens[i].lower)) return true;
  return false;
}
