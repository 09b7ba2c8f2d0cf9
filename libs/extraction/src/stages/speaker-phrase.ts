/**
 * Who a speaker's phrase names, rule by rule, the first that applies: a person; else an
 * organisation, a body or a state the phrase names; else (unless strict) an actor it refers
 * back to ("the ministry", "the company", "the report"), a group named by what its members
 * are ("German carmakers"), or a name the gazetteer does not know.
 */
import { slugOf } from '../gazetteer';
import {
  BODY_NOUNS,
  DESCRIPTOR_NOUNS,
  DOCUMENT_NOUNS,
  ORGANISATION_NOUNS,
  STATE_ITSELF,
} from '../lexicon/organisations';
import { PERSON_DESCRIPTIONS, ROLE_NOUNS, TITLE_WORDS } from '../lexicon/people';
import { DEFINITE, QUALIFIER_POS, QUANTITIES } from '../lexicon/phrases';
import { Token } from '../text';
import { Context, introducedAs, isPersonRef, proposedRef } from './context';
import {
  mentionRef,
  personIn,
  personSpeaker,
  Phrase,
  principalRef,
  withoutDescriptors,
} from './speaker-person';
import { Mention, Speaker } from './types';
import { isCapitalised, isNameWord, isPossessive } from './words';

export function resolveWords(
  tokens: Token[],
  span: [number, number],
  mentions: Mention[],
  context: Context,
  strict: boolean,
): Speaker[] {
  const from = span[0];
  const to = span[1];
  const inside = mentions.filter((m) => m.from >= from && m.to <= to);
  const words = tokens.slice(from, to);
  const lowers = words.map((t) => t.lower);
  const p: Phrase = { tokens, from, to, words, lowers, inside, context };
  const { person, linked } = personIn(p);
  const organisations = inside.filter(
    (m) => m.entry?.kind !== 'person' && m.how !== 'demonym' && m !== person,
  );
  const demonym = inside.find((m) => m.how === 'demonym');
  if (person) return [personSpeaker(p, person, linked, organisations, demonym)];
  const named = namedActors(p, organisations, demonym);
  if (named) return named;
  if (strict) return [];
  return (
    referredActor(p) ??
    demonymGroup(p, demonym) ??
    roleAtOrganisation(p) ??
    membersGroup(p) ??
    unknownName(p) ??
    []
  );
}

/** An organisation, a body or a state the phrase names; or a state's unnamed envoy. */
function namedActors(
  p: Phrase,
  organisations: Mention[],
  demonym: Mention | undefined,
): Speaker[] | null {
  // A name with "of" in it: "the American Academy of Pediatrics", "the Communications Workers
  // of America union", "the Independent Workers' Union of Great Britain", "the Bank of Russia".
  const whole = wholeName(p.tokens, p.from, p.to, p.inside);
  if (whole)
    return [
      {
        speaker: proposedRef(whole),
        principal: null,
        via: 'named',
      },
    ];
  const found =
    ownedBody(p, organisations, demonym) ??
    stateBody(p, organisations, demonym) ??
    organisationSpeakers(p, organisations);
  if (found) return found;
  // "a senior French diplomat": someone speaking for the state the adjective names.
  if (demonym?.entry && p.lowers.some((w) => ROLE_NOUNS.has(w)))
    return [
      {
        speaker: demonym.actor,
        principal: principalRef(p.context.gazetteer, demonym.entry.id),
        via: 'role',
      },
    ];
  return null;
}

/** A body of an organisation the gazetteer does not know: "Commerzbank's works council". */
function ownedBody(
  p: Phrase,
  organisations: Mention[],
  demonym: Mention | undefined,
): Speaker[] | null {
  const { words, lowers } = p;
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
          principal: proposedRef(ownerName),
          via: 'named',
        },
      ];
    }
  }
  return null;
}

/** A body of a state named by the phrase but not known: "Russia's Defence Ministry". */
function stateBody(
  p: Phrase,
  organisations: Mention[],
  demonym: Mention | undefined,
): Speaker[] | null {
  const { from, words, lowers } = p;
  const state = organisations.find((m) => m.entry?.kind === 'state') ?? demonym;
  const hasBody = lowers.some((w) => BODY_NOUNS.has(w));
  if (!hasBody || !state || organisations.some((m) => m.entry?.kind === 'government-body'))
    return null;
  const bodyWords = words
    .slice(state.to - from)
    .filter((t) => !isPossessive(t) && t.pos !== 'DET')
    .map((t) => t.text);
  const body = bodyWords.slice(0, bodyWords.findIndex((w) => BODY_NOUNS.has(w.toLowerCase())) + 1);
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
  if (body.length === 0) return null;
  const name = `${state.actor.name} ${body.join(' ')}`;
  return [
    {
      speaker: { id: slugOf(`${state.actor.id} ${body.join(' ')}`), name, proposed: true },
      principal: state.entry?.kind === 'state' ? state.actor : mentionRef(state),
      via: 'named',
    },
  ];
}

/** The organisations the phrase names: the last, or each of several joined by "and". */
function organisationSpeakers(p: Phrase, organisations: Mention[]): Speaker[] | null {
  if (organisations.length === 0) return null;
  const { from, lowers } = p;
  const separate = organisations.filter(
    (m, i) =>
      i === 0 || lowers.slice(organisations[i - 1].to - from, m.from - from).includes('and'),
  );
  const speakers = (separate.length > 1 ? separate : [organisations[organisations.length - 1]]).map(
    (m): Speaker => ({
      speaker: m.actor,
      principal: m.entry ? principalRef(p.context.gazetteer, m.entry.id) : null,
      via: 'named',
    }),
  );
  // "Turkey's president", "the mayor of Chicago", "The head of the UN nuclear watchdog": a
  // role with no name, which the next sentence may name.
  if (speakers.length === 1) speakers[0].unnamedRole = unnamedRole(lowers);
  return speakers;
}

/**
 * An actor a definite phrase refers back to: the last speaker for a document or a role ("the
 * report said", "the minister added"), an organisation the text introduced ("the airline"),
 * or the person it named last ("the Dutchman").
 */
function referredActor(p: Phrase): Speaker[] | null {
  const { lowers, context } = p;
  const head = lowers[lowers.length - 1];
  const definite = DEFINITE.has(lowers[0]);
  if (context.last && definite && DOCUMENT_NOUNS.has(head))
    return [{ ...context.last, via: 'document' }];
  // "the airline", "the lender", "a company spokesman": an organisation the text introduced.
  const kindWord = lowers.find((w) => DESCRIPTOR_NOUNS.has(w));
  if (kindWord && (definite || lowers[0] === 'a')) {
    const introduced = introducedAs(kindWord, context);
    if (introduced) return [{ speaker: introduced, principal: null, via: 'role' }];
  }
  if (definite && ORGANISATION_NOUNS.has(head)) {
    const organisation = organisationNoun(p, head);
    if (organisation) return organisation;
  }
  // "the minister said" carries on the last speaker; "the department said" only a body.
  // ("the governor's office" is a body too.)
  if (
    context.last &&
    definite &&
    (BODY_NOUNS.has(head)
      ? !isPersonRef(context.last.speaker, context.gazetteer, context)
      : ROLE_NOUNS.has(head) || lowers.some((w) => ROLE_NOUNS.has(w)))
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
  return null;
}

/**
 * "the commission denied": the last organisation of that name that spoke, else the last
 * organisation; "the electoral commission" with none before is an organisation of its own.
 */
function organisationNoun(p: Phrase, head: string): Speaker[] | null {
  const { words, lowers, context } = p;
  const named = [...context.organisations]
    .reverse()
    .find((o) => o.speaker.name.toLowerCase().split(/\s+/).includes(head));
  if (named) return [{ ...named, via: 'role' }];
  const descriptive = words.filter((t) => t.pos !== 'DET' && !isPossessive(t));
  // "the GMB union": the name, without the word that says what it is.
  const nameTokens = descriptive.slice(0, -1);
  const isName =
    nameTokens.length > 0 &&
    nameTokens.every(isNameWord) &&
    !isNameWord(descriptive[descriptive.length - 1]);
  if (isName && !lowers.some((w) => ROLE_NOUNS.has(w))) {
    const name = nameTokens.map((t) => t.text).join(' ');
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
  return null;
}

/** "the Dutch authorities" are the state; "German carmakers", a group its adjective qualifies. */
function demonymGroup(p: Phrase, demonym: Mention | undefined): Speaker[] | null {
  const { words, lowers } = p;
  if (demonym?.entry?.kind === 'state' && lowers[lowers.length - 1] === 'authorities')
    return [{ speaker: demonym.actor, principal: null, via: 'named' }];
  if (demonym && words.every((t) => t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN')) {
    const name = words.map((t) => t.text).join(' ');
    return [newActor(name)];
  }
  return null;
}

/** People in a role at an organisation the phrase names: the organisation speaks. */
function roleAtOrganisation(p: Phrase): Speaker[] | null {
  const { words, lowers } = p;
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
  if (DEFINITE.has(lowers[0]) && roleAt > 1) {
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
  return null;
}

/**
 * "Poultry exporters", "Housing advocates", "two negotiators": a group named by what its
 * members are.
 */
function membersGroup(p: Phrase): Speaker[] | null {
  const { words, lowers } = p;
  const head = lowers[lowers.length - 1];
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
  return null;
}

/**
 * A capitalised name the gazetteer does not know ("Acme Corp"), after any word that only
 * says what it is ("Carmaker Nordwagen"): proposed.
 */
function unknownName(p: Phrase): Speaker[] | null {
  const { words, lowers } = p;
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
    (named[first].text === '-' || QUALIFIER_POS.has(named[first].pos))
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
  return null;
}

/** …speaking for itself. */
function newActor(name: string): Speaker {
  return { speaker: proposedRef(name), principal: null, via: 'named' };
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

/**
 * The role a definite phrase gives someone it does not name ("Turkey's president", "the mayor
 * of …"); not a group ("US prosecutors") and not someone unnamed ("a senior diplomat").
 */
function unnamedRole(lowers: string[]): string | undefined {
  if (lowers[0] === 'a' || lowers[0] === 'an') return undefined;
  const role = lowers.find((w) => ROLE_NOUNS.has(w));
  return role && (!role.endsWith('s') || role.endsWith('ss')) ? role : undefined;
}
