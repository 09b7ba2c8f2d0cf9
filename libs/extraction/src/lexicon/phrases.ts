/** Words and part-of-speech tags that make up a phrase, or end one. */

/** Lower-case words allowed inside a speaker's phrase besides nouns and names. */
export const PHRASE_LINKS: ReadonlySet<string> = new Set([
  'of',
  'for',
  'at',
  'in',
  'to',
  '&',
  'and',
]);

/** Tags of the words a noun phrase is made of. */
export const NP_POS: ReadonlySet<string> = new Set([
  'PROPN',
  'NOUN',
  'ADJ',
  'DET',
  'NUM',
  'X',
  'SYM',
]);

/** Words between a verb and its object ("called on", "urged upon"). */
export const OBJECT_LEADS: ReadonlySet<string> = new Set(['on', 'upon', 'to']);

/** Words that make a phrase definite ("the ministry", "its spokesman"). */
export const DEFINITE: ReadonlySet<string> = new Set(['the', 'its', 'their', 'his', 'her']);

/** Possessives that refer back to an organisation ("Its chief executive, …,"). */
export const ORGANISATION_POSSESSIVES: ReadonlySet<string> = new Set(['its', 'their']);

/** Tags of the words that qualify a name before it ("The far-left France Unbowed"). */
export const QUALIFIER_POS: ReadonlySet<string> = new Set(['ADJ', 'ADV', 'VERB', 'DET']);

/** Words that count the members of a group ("two negotiators", "several officials"). */
export const QUANTITIES: ReadonlySet<string> = new Set([
  'two',
  'three',
  'four',
  'five',
  'several',
  'some',
  'many',
  'other',
]);

/** Words of a time phrase between a subject and its verb ("said on Monday", "last week"). */
export const TIME_WORDS: ReadonlySet<string> = new Set([
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

/** Prepositions before a place or setting, which is not a target ("a summit in Washington"). */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set([
  'in',
  'at',
  'over',
  'across',
  'throughout',
  'during',
  'inside',
  'near',
]);
