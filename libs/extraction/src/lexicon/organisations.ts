/** Words about organisations and states: bodies, what an organisation is, what stands for it. */

/** Nouns naming the body a role belongs to, when the phrase has a country ("Russia's Foreign Ministry"). */
export const BODY_NOUNS: ReadonlySet<string> = new Set([
  'ministry',
  'board',
  'tribunal',
  'government',
  'embassy',
  'parliament',
  'cabinet',
  'army',
  'military',
  'navy',
  'office',
  'department',
  'delegation',
  'mission',
  'presidency',
  'court',
  'regulator',
  'agency',
  'commission',
  'authority',
  'council',
  'committee',
  'bank',
  'police',
  'service',
  'federation',
  'association',
]);

/** Nouns that refer back to an organisation named before ("the group said", "the company"). */
export const ORGANISATION_NOUNS: ReadonlySet<string> = new Set([
  ...BODY_NOUNS,
  'group',
  'bloc',
  'alliance',
  'club',
  'company',
  'firm',
  'organisation',
  'organization',
  'union',
  'association',
  'party',
  'body',
  'federation',
  'league',
  'carmaker',
  'team',
]);

/** Words that describe what an actor is, before its name ("Carmaker Nordwagen"). */
export const DESCRIPTOR_NOUNS: ReadonlySet<string> = new Set([
  'carmaker',
  'automaker',
  'company',
  'firm',
  'group',
  'retailer',
  'bank',
  'lender',
  'club',
  'airline',
  'insurer',
  'broadcaster',
  'newspaper',
  'union',
  'party',
  'startup',
  'giant',
  'maker',
  'producer',
  'operator',
  'regulator',
  'watchdog',
  'agency',
  'consumer',
  'campaign',
  'charity',
  'chipmaker',
  'drugmaker',
  'miner',
  'publisher',
  'supermarket',
  'manufacturer',
  'platform',
  'app',
  'website',
  'side',
  'team',
]);

/** Words for the same kind of organisation ("the lender" is the bank the text introduced). */
export const SAME_KIND: ReadonlyMap<string, string> = new Map([
  ['lender', 'bank'],
  ['automaker', 'carmaker'],
  ['firm', 'company'],
]);

/** What a group that is not a business is for ("Consumer group", "Campaign group"). */
export const ADVOCACY: ReadonlySet<string> = new Set([
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
export const NOT_COMPANIES: ReadonlySet<string> = new Set([
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

/** A document standing in for whoever issued it ("the report said" → the last speaker). */
export const DOCUMENT_NOUNS: ReadonlySet<string> = new Set([
  'report',
  'communique',
  'communiqué',
  'statement',
  'declaration',
  'document',
  'letter',
  'release',
  'resolution',
  'motion',
  'draft',
  'filing',
  'ruling',
  'verdict',
  'judgment',
  'notice',
]);

/** Media words: whom one tells through them is the audience ("the state news agency RIA"). */
export const MEDIA: ReadonlySet<string> = new Set([
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

/** Words that name a court ("appeal to the Court of Arbitration" is a court's appeal). */
export const COURT_WORDS: ReadonlySet<string> = new Set([
  'court',
  'tribunal',
  'judge',
  'judges',
  'arbitration',
]);

/** Words for a state's government that stand for the state ("the British government"). */
export const STATE_ITSELF: ReadonlySet<string> = new Set([
  'government',
  'national',
  'federal',
  'authorities',
]);

/** What a state's adjective gives the state as target: "the Saudi position", "the British
 * government". */
export const STATE_THINGS: ReadonlySet<string> = new Set([
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

/** "both sides", "the two countries": a pair of states named before. */
export const PAIRS: ReadonlySet<string> = new Set([
  'sides',
  'countries',
  'nations',
  'states',
  'governments',
  'neighbours',
]);
