/**
 * Speakers: for each reporting verb, who spoke. The subject on the verb's left (a phrase, a
 * pronoun, a name between commas, or the subject of the verb before it), else the phrase on its
 * right ("“…,” said Peskov").
 */
import { DOCUMENT_NOUNS } from '../lexicon/organisations';
import { SPEAKER_PRONOUNS } from '../lexicon/people';
import { ORGANISATION_POSSESSIVES } from '../lexicon/phrases';
import { Token } from '../text';
import { Context, isPersonRef, proposedRef } from './context';
import { phraseLeft, phraseRight, skipLeft } from './phrases';
import { resolveWords } from './speaker-phrase';
import { unknownOrganisation } from './speaker-person';
import { ActorRef, Attributed, Mention, Speaker, Verb } from './types';
import { negated } from './verbs';
import { isNameWord } from './words';

/** The reporting verbs that were said (not negated), each with its speakers. */
export function attributeVerbs(
  tokens: Token[],
  verbs: Verb[],
  mentions: Mention[],
  context: Context,
): Attributed[] {
  const attributed: Attributed[] = [];
  let previous: Speaker[] = [];
  for (const verb of verbs) {
    if (negated(tokens, verb.index)) continue;
    const gerund = /ing$/.test(tokens[verb.index].text);
    const left = skipLeft(tokens, verb.index - 1);
    const subject = leftSubject(tokens, left, verb, gerund, previous, mentions, context);
    let speakers = subject.speakers;
    if (speakers.length === 0 && !gerund)
      speakers = invertedSubject(tokens, tokens[left], verb, mentions, context);
    if (speakers.length === 0) continue;
    previous = speakers;
    attributed.push({ verb, speakers, gerund, coordinated: subject.coordinated });
  }
  return attributed;
}

/** Where the phrases of the sentence's speakers start: they are not targets of each other. */
export function speakerStarts(attributed: Attributed[], mentions: Mention[]): number[] {
  return (attributed.length === 0 ? [] : mentions)
    .filter((m) =>
      attributed.some(({ speakers }) =>
        speakers.some((s) => s.span && m.from >= s.span[0] && m.to <= s.span[1]),
      ),
    )
    .map((m) => m.from);
}

/** The speakers ending at `left`: the verb's left, past auxiliaries, adverbs and a time. */
function leftSubject(
  tokens: Token[],
  left: number,
  verb: Verb,
  gerund: boolean,
  previous: Speaker[],
  mentions: Mention[],
  context: Context,
): { speakers: Speaker[]; coordinated: boolean } {
  const leftToken = tokens[left];
  if (leftToken && leftToken.pos === 'PRON' && !leftToken.quoted && !leftToken.mark) {
    // "Meta said it disagreed": the pronoun is this sentence's speaker; one statement.
    if (previous.length > 0 && SPEAKER_PRONOUNS.has(leftToken.lower))
      return { speakers: previous, coordinated: true };
    const speaker = pronounSpeaker(leftToken, context);
    return { speakers: speaker ? [speaker] : [], coordinated: false };
  }
  // "China denied … and stressed …"; "Price refused to concede and called for …".
  if (leftToken && (leftToken.text === 'and' || leftToken.text === 'but'))
    return {
      speakers: previous.length > 0 ? previous : sentenceSubject(tokens, mentions, context),
      coordinated: previous.length > 0,
    };
  // "…, accusing Beijing of …", "…, insisting that …": the clause's speaker goes on; a
  // plain "saying" only elaborates the statement before it.
  if (leftToken && leftToken.text === ',' && gerund)
    return {
      speakers: previous.length > 0 ? previous : sentenceSubject(tokens, mentions, context),
      coordinated: previous.length > 0 && verb.kind === 'statement',
    };
  // An apposition: "His lawyer, Miriam Cole, said".
  if (leftToken && leftToken.text === ',')
    return { speakers: apposition(tokens, left, mentions, context), coordinated: false };
  if (leftToken && !leftToken.quoted && !leftToken.mark)
    return { speakers: phraseSubject(tokens, left, gerund, mentions, context), coordinated: false };
  return { speakers: [], coordinated: false };
}

/** The speakers the noun phrase ending at `left` names. */
function phraseSubject(
  tokens: Token[],
  left: number,
  gerund: boolean,
  mentions: Mention[],
  context: Context,
): Speaker[] {
  let speakers: Speaker[] = [];
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
  return speakers;
}

/** Inverted: "“…,” said Peskov"; or "according to Peskov". */
function invertedSubject(
  tokens: Token[],
  leftToken: Token | undefined,
  verb: Verb,
  mentions: Mention[],
  context: Context,
): Speaker[] {
  const span = phraseRight(tokens, verb.last + 1);
  if (span && (leftToken === undefined || leftToken.mark === 'close' || leftToken.text === ','))
    return resolvePhrase(tokens, span, mentions, context, false);
  return [];
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
  const open = openingComma(tokens, comma);
  if (open <= 0) return [];
  const innerSpan = phraseRight(tokens, open + 1);
  const inner: [number, number] | null = innerSpan && innerSpan[1] === comma ? innerSpan : null;
  const outer = phraseLeft(tokens, open - 1);
  const outerStarts = outer !== null && (outer[0] === 0 || tokens[outer[0] - 1].text === ',');
  const named = inner ? namedBetweenCommas(tokens, inner, mentions, context) : [];
  const isPerson = (s: Speaker) => isPersonRef(s.speaker, context.gazetteer, context);
  // The whole subject, commas and all, is the speaker's phrase.
  const whole = (s: Speaker): Speaker => ({
    ...s,
    span: [outerStarts ? outer![0] : open + 1, comma],
  });
  if (named.length > 0 && (named.some(isPerson) || !outerStarts || !hasName(tokens, outer!))) {
    // The name between the commas speaks, for what the phrase before it names.
    if (!outer) return named;
    return named
      .map(whole)
      .map((s) =>
        s.principal ? s : { ...s, principal: principalBefore(tokens, outer, s, mentions, context) },
      );
  }
  if (!outerStarts) return [];
  const speakers = resolvePhrase(tokens, outer!, mentions, context, false);
  return speakers
    .map(whole)
    .map((s) =>
      s.principal || !isPerson(s) ? s : withPrincipalAfter(tokens, s, open, comma, mentions),
    );
}

/** The comma that opens the words between commas closed at `comma`; 0 or less if none. */
function openingComma(tokens: Token[], comma: number): number {
  let open = comma - 1;
  while (open > 0 && !(tokens[open].text === ',' && !tokens[open].quoted)) {
    if (tokens[open].mark || tokens[open].quoted) return -1;
    open--;
  }
  return open;
}

/** Who the words between the commas name: known, or a name proposed ("the CPA"). */
function namedBetweenCommas(
  tokens: Token[],
  inner: [number, number],
  mentions: Mention[],
  context: Context,
): Speaker[] {
  const named = resolvePhrase(tokens, inner, mentions, context, true);
  if (named.length > 0) return named;
  // "the CPA": a name the gazetteer does not know, proposed.
  const words = tokens.slice(inner[0], inner[1]).filter((t) => t.pos !== 'DET');
  if (words.length > 0 && words.every(isNameWord)) {
    const name = words.map((t) => t.text).join(' ');
    return [{ speaker: proposedRef(name), principal: null, via: 'named', span: inner }];
  }
  return named;
}

/** Whom the name between the commas speaks for: what the phrase before the commas names. */
function principalBefore(
  tokens: Token[],
  outer: [number, number],
  s: Speaker,
  mentions: Mention[],
  context: Context,
): ActorRef | null {
  const about = resolveWords(tokens, outer, mentions, context, true).find(
    (o) => o.speaker.id !== s.speaker.id,
  );
  // "Its chief executive, Christophe Fouquet,": the organisation that spoke last.
  const its =
    ORGANISATION_POSSESSIVES.has(tokens[outer[0]].lower) ||
    ORGANISATION_POSSESSIVES.has(tokens[outer[0] - 1]?.lower ?? '')
      ? context.organisations[context.organisations.length - 1]?.speaker
      : undefined;
  return about?.speaker ?? its ?? unknownOrganisation(tokens.slice(outer[0], outer[1])) ?? null;
}

/**
 * A person before the commas, and whom the words between them say the person speaks for:
 * "…, co-leader of the far-right AfD,"; "…, whose National Rally holds the balance," (the
 * person's own organisation).
 */
function withPrincipalAfter(
  tokens: Token[],
  s: Speaker,
  open: number,
  comma: number,
  mentions: Mention[],
): Speaker {
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
  const principal = org?.actor ?? (trailing ? proposedRef(trailing) : null);
  return principal ? { ...s, principal } : s;
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
export function resolvePhrase(
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
