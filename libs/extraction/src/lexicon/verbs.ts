/**
 * Reporting verbs and the statement kind each one signals (CAMEO-aligned), the words around
 * a verb that change what it reports, and the base forms the extractor reads verbs by.
 */

export type StatementKind =
  | 'statement'
  | 'appeal'
  | 'pledge'
  | 'praise'
  | 'criticism'
  | 'accusation'
  | 'denial'
  | 'rejection'
  | 'warning';

/** Reporting verb lemma → kind. */
export const REPORTING_VERBS: ReadonlyMap<string, StatementKind> = new Map([
  ...[
    'say',
    'tell',
    'insist',
    'add',
    'state',
    'note',
    'stress',
    'explain',
    'declare',
    'announce',
    'argue',
    'assert',
    'maintain',
    'remark',
    'reply',
    'respond',
    'write',
    'tweet',
    'claim',
    'comment',
    'emphasise',
    'emphasize',
    'acknowledge',
    'admit',
    'confirm',
    'predict',
    'suggest',
    'counter',
    'remind',
    'reiterate',
    'concede',
    'contend',
  ].map((v) => [v, 'statement'] as const),
  // Not "appeal" alone: "said it would appeal" is a court's appeal ("appeal to", "appeal for" are).
  ...['urge', 'ask', 'demand', 'implore', 'plead', 'press', 'request'].map(
    (v) => [v, 'appeal'] as const,
  ),
  ...['vow', 'pledge', 'promise', 'commit', 'guarantee', 'swear'].map(
    (v) => [v, 'pledge'] as const,
  ),
  ...['praise', 'welcome', 'hail', 'commend', 'applaud', 'laud', 'congratulate', 'thank'].map(
    (v) => [v, 'praise'] as const,
  ),
  ...[
    'criticise',
    'criticize',
    'condemn',
    'denounce',
    'slam',
    'blast',
    'decry',
    'lambast',
    'rebuke',
    'deplore',
    'castigate',
    'complain',
    'mock',
    'ridicule',
    'deride',
    'chide',
    'scold',
  ].map((v) => [v, 'criticism'] as const),
  ...['accuse', 'blame', 'brand', 'allege'].map((v) => [v, 'accusation'] as const),
  ...['deny', 'refute'].map((v) => [v, 'denial'] as const),
  ...['reject', 'dismiss', 'disagree', 'rebuff', 'dispute', 'repudiate'].map(
    (v) => [v, 'rejection'] as const,
  ),
  ...['warn', 'threaten', 'caution'].map((v) => [v, 'warning'] as const),
]);

/** Verb + particle that make a reporting verb of another (`call on` → appeal). */
export const PHRASAL_VERBS: ReadonlyMap<string, StatementKind> = new Map([
  ['call on', 'appeal'],
  ['call upon', 'appeal'],
  ['call for', 'appeal'],
  ['appeal to', 'appeal'],
  ['appeal for', 'appeal'],
  // Doubt voiced about someone's choice: "questioned whether the members were qualified".
  ['question whether', 'criticism'],
  ['question why', 'criticism'],
  ['question how', 'criticism'],
  ['rule that', 'statement'],
  ['express concern', 'statement'],
  ['voice concern', 'statement'],
  ['speak out', 'statement'],
  ['point out', 'statement'],
  ['lash out', 'criticism'],
  ['hit out', 'criticism'],
]);

/** The verbs that begin a phrasal verb ("call" of "call on"). */
export const PHRASAL_HEADS: ReadonlySet<string> = new Set(
  [...PHRASAL_VERBS.keys()].map((p) => p.split(' ')[0]),
);

/** When a verb of this kind and a plain statement share a speaker, the kind wins. */
export const KIND_PRIORITY: readonly StatementKind[] = [
  'accusation',
  'denial',
  'warning',
  'rejection',
  'criticism',
  'appeal',
  'pledge',
  'praise',
  'statement',
];

/** Verbs whose first object is who the statement is addressed to or about. */
export const TAKES_TARGET_OBJECT: ReadonlySet<string> = new Set([
  // Whom one praises, criticises, accuses or warns is the object of every such verb…
  ...[...REPORTING_VERBS]
    .filter(
      ([verb, kind]) =>
        ['praise', 'criticism', 'accusation', 'warning'].includes(kind) &&
        verb !== 'allege' &&
        verb !== 'deplore',
    )
    .map(([verb]) => verb),
  // …and of these: the one told, urged or rebuffed.
  'tell',
  'urge',
  'ask',
  'press',
  'implore',
  'reject',
  'dismiss',
  'rebuff',
  'call on',
  'call upon',
  'appeal to',
  'lash out',
  'hit out',
]);

/** Words before a reporting verb that mean it was not said ("declined to comment"). */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not',
  "n't",
  'never',
  'decline',
  'refuse',
  'fail',
  'neglect',
  'reluctant',
  'unwilling',
]);

/** Verbs that report speech only before what was said ("declared that", "responded: “…”"). */
export const CLAUSE_VERBS: ReadonlySet<string> = new Set(['declare', 'respond', 'reply']);

/** Lemmas the extractor looks for besides the reporting verbs (negators, phrasal heads). */
const OTHER_LEMMAS = new Set([
  ...NEGATORS,
  ...[...PHRASAL_VERBS.keys()].map((p) => p.split(' ')[0]),
]);

const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['said', 'say'],
  ['says', 'say'],
  ['told', 'tell'],
  ['swore', 'swear'],
  ['sworn', 'swear'],
  ['wrote', 'write'],
  ['written', 'write'],
  ['spoke', 'speak'],
  ['spoken', 'speak'],
  ['hit', 'hit'],
  ['is', 'be'],
  ['are', 'be'],
  ['am', 'be'],
  ['was', 'be'],
  ['were', 'be'],
  ['been', 'be'],
  ['being', 'be'],
  ["'s", "'s"],
]);

/**
 * The base form of a lower-case word, for the words the extractor looks for ("accused" →
 * "accuse", "says" → "say", "was" → "be"); any other word is returned as it is. Ours rather
 * than the NLP library's lemmatiser: a fifth of the library's time, for a few dozen verbs.
 */
export function baseForm(word: string): string {
  let base = BASE_FORMS.get(word);
  if (base === undefined) {
    if (BASE_FORMS.size > 50_000) BASE_FORMS.clear();
    base = guessBaseForm(word);
    BASE_FORMS.set(word, base);
  }
  return base;
}

/** Words seen before (a text's vocabulary repeats; the guesses below are many regexps). */
const BASE_FORMS = new Map<string, string>();

function guessBaseForm(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  if (REPORTING_VERBS.has(word) || OTHER_LEMMAS.has(word)) return word;
  if (!/(ed|ing|s|d)$/.test(word)) return word;
  for (const guess of [
    word.replace(/ied$/, 'y'),
    word.replace(/ies$/, 'y'),
    word.replace(/ying$/, 'y'),
    word.replace(/ed$/, ''),
    word.replace(/d$/, ''),
    word.replace(/ing$/, ''),
    word.replace(/ing$/, 'e'),
    word.replace(/(.)\1ing$/, '$1'),
    word.replace(/(.)\1ed$/, '$1'),
    word.replace(/es$/, ''),
    word.replace(/s$/, ''),
  ])
    if (guess !== word && (REPORTING_VERBS.has(guess) || OTHER_LEMMAS.has(guess))) return guess;
  return word;
}
