/**
 * Mentions: the actors a sentence names. Known ones by the gazetteer, organisations by what
 * the text says they are, people by their names (remembered, so that a surname alone names
 * them again later).
 */
import { ADVOCACY, BODY_NOUNS, DESCRIPTOR_NOUNS } from '../lexicon/organisations';
import { PERSON_CUES, PERSON_DESCRIPTIONS, TITLE_WORDS } from '../lexicon/people';
import { TIME_WORDS } from '../lexicon/phrases';
import { Sentence, Token } from '../text';
import { Context, rememberOrganisation, rememberPerson } from './context';
import { ActorRef, Mention } from './types';
import { isCapitalised, isNameWord, nameRun, nameWords } from './words';

export function findMentions(sentence: Sentence, context: Context): Mention[] {
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
    const known = knownActor(tokens, words, lowers, i, context);
    if (known) {
      mentions.push(known);
      i = known.to;
      continue;
    }
    // Organisations introduced by what they are ("airline SkyLark", "Meridian Bank"), and
    // named again later.
    const organisation = describedOrganisation(tokens, i, context);
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
    const run = nameRun(tokens, i);
    if (run > 0) {
      const person = personNamed(tokens, words, i, run, context);
      if (person) mentions.push(person);
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

/** An actor the gazetteer knows, at `i`; states named are remembered in order. */
function knownActor(
  tokens: Token[],
  words: string[],
  lowers: string[],
  i: number,
  context: Context,
): Mention | null {
  let match = context.gazetteer.match(words, i, context.named, lowers);
  // "France Unbowed", "China Daily": a state's name that begins another name.
  if (match && match.entry.kind === 'state' && match.how !== 'demonym') {
    const next = tokens[i + match.length];
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
  if (!match) return null;
  if (match.how !== 'demonym') context.named.add(match.entry.id);
  if (match.entry.kind === 'state') {
    const known = context.states.findIndex((a) => a.id === match!.entry.id);
    if (known >= 0) context.states.splice(known, 1);
    context.states.push({ id: match.entry.id, name: match.entry.name });
  }
  return {
    from: i,
    to: i + match.length,
    actor: { id: match.entry.id, name: match.entry.name },
    entry: match.entry,
    how: match.how,
  };
}

/**
 * People the gazetteer does not know, in the `run` of name words at `i`: a full name is
 * remembered, so that the surname alone names the same person later ("Samuel Barker" …
 * "Barker said").
 */
function personNamed(
  tokens: Token[],
  words: string[],
  i: number,
  run: number,
  context: Context,
): Mention | null {
  const parts = run === 1 ? [words[i]] : nameWords(tokens, i, i + run);
  const name = run === 1 ? words[i] : parts.join(' ');
  const known = context.people.get(name);
  const near = known || run < 2 ? null : context.gazetteer.nearPerson(name);
  if (known) return { from: i, to: i + run, actor: known, entry: null, how: 'person-name' };
  if (near)
    return {
      from: i,
      to: i + run,
      actor: { id: near.id, name: near.name },
      entry: near,
      how: 'near-name',
    };
  if (parts.length < 2) return null;
  // A new full name is remembered; after a title or what someone is ("striker Robert
  // Lewandowski", "businessman Viktor Hale") it is also an actor the sentence names.
  const actor = rememberPerson(context, parts);
  const cue = tokens[i - 1]?.lower ?? '';
  if (TITLE_WORDS.has(cue) || PERSON_DESCRIPTIONS.has(cue) || PERSON_CUES.has(cue))
    return { from: i, to: i + run, actor, entry: null, how: 'person-name' };
  return null;
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
