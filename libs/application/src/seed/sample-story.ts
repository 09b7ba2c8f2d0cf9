/**
 * A summit-week story written for this project (not copied from any article), with the kind
 * of attribution errors real copy has — recorded as the source gives them, for analysts to
 * find and correct: a pro-Beijing rebuke credited to the EU delegation, a rebuttal of NATO
 * credited to Russia's foreign ministry (and a spokesman's name misspelt).
 */
export const SAMPLE_ARTICLE = {
  url: 'https://example.org/sample/summit-week-china-nato',
  publisher: 'Sample Wire (fictional)',
  title: 'Beijing bristles as alliance names it an enabler of the war',
  publishedAt: '2024-07-11T16:00:00Z',
  text: [
    'Alliance leaders meeting in Washington on Wednesday named China a decisive enabler of the war in Ukraine in their closing statement.',
    'In reply, the European Union delegation in Beijing told the alliance to stop hyping a China threat and to work for peace instead.',
    'Beijing insists it sends no weapons to either side and calls its position balanced.',
    "On Thursday, Russia's Foreign Ministry accused its ally of spreading bias and slander.",
    "Spokesman Lin Jiang called the alliance's claims unfounded and malicious, and urged it to look at its own conduct.",
    'Kremlin spokesman Dmitry Peskov said Moscow was preparing countermeasures against a grave threat from the alliance.',
    'He added that the alliance was now fully drawn into the conflict.',
    "In April, US Secretary of State Antony Blinken accused China of supplying machine tools and microchips that rebuilt Russia's arms industry.",
    'Washington has vowed to pursue banks that help finance the war effort.',
    'China has rejected the allegation that it fuels the fighting.',
  ].join(' '),
};

/**
 * Background notes, also written for this project: earlier positions that make two of the
 * article's attributions stand out (the EU had long said the opposite; Russia had only praised
 * China until then).
 */
export const SAMPLE_BACKGROUND = {
  url: 'https://example.org/sample/background-positions',
  publisher: 'Sample Desk (fictional)',
  title: 'Background: who said what about China and the war before the summit',
  publishedAt: '2024-07-01T08:00:00Z',
  text: [
    "In March 2023 the EU's foreign policy chief said Beijing's backing lets Moscow keep fighting.",
    "In February 2024 EU leaders urged China to stop the flow of dual-use goods that sustain Russia's army.",
    "Also in February 2024 the Kremlin welcomed China's stance on the war as balanced and constructive.",
    'In May 2024 the Russian president praised China as a true strategic partner during a state visit.',
  ].join(' '),
};

export const SAMPLE_PROPOSITIONS = [
  {
    propositionId: 'china-enables-russia-war',
    text: 'China enables Russia’s war against Ukraine',
    tags: ['ukraine-war', 'china'],
  },
  {
    propositionId: 'nato-threatens-russia',
    text: 'NATO poses a threat to Russia',
    tags: ['ukraine-war', 'nato'],
  },
];

export interface SampleStatement {
  key: string;
  /** A phrase of SAMPLE_ARTICLE.text this statement rests on (its span). */
  phrase: string;
  speakerId: string;
  principalId?: string;
  kind: string;
  targetIds: string[];
  quote?: string;
  summary: string;
  saidAt: { date: string | null; precision: 'day' | 'month' | 'unknown' };
  stances?: Array<{ propositionId: string; stance: 'supports' | 'opposes' }>;
  /** The source it comes from: the article (default) or the background notes. */
  in?: 'background';
}

export const SAMPLE_STATEMENTS: SampleStatement[] = [
  {
    key: 'eu-2023-backing',
    in: 'background',
    phrase: "Beijing's backing lets Moscow keep fighting",
    speakerId: 'european-union',
    kind: 'criticism',
    targetIds: ['china'],
    summary: 'The EU’s foreign policy chief says China’s backing lets Russia keep fighting.',
    saidAt: { date: '2023-03', precision: 'month' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'supports' }],
  },
  {
    key: 'eu-2024-dual-use',
    in: 'background',
    phrase: 'urged China to stop the flow of dual-use goods',
    speakerId: 'european-union',
    kind: 'appeal',
    targetIds: ['china'],
    summary: 'EU leaders urge China to stop dual-use goods that sustain Russia’s army.',
    saidAt: { date: '2024-02', precision: 'month' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'supports' }],
  },
  {
    key: 'kremlin-welcomes-china',
    in: 'background',
    phrase: "the Kremlin welcomed China's stance on the war as balanced and constructive",
    speakerId: 'kremlin',
    principalId: 'russia',
    kind: 'praise',
    targetIds: ['china'],
    summary: 'The Kremlin welcomes China’s stance on the war as balanced and constructive.',
    saidAt: { date: '2024-02-20', precision: 'day' },
  },
  {
    key: 'putin-praises-china',
    in: 'background',
    phrase: 'praised China as a true strategic partner',
    speakerId: 'vladimir-putin',
    principalId: 'russia',
    kind: 'praise',
    targetIds: ['china'],
    summary: 'Russia’s president praises China as a true strategic partner on a state visit.',
    saidAt: { date: '2024-05-16', precision: 'day' },
  },
  {
    key: 'nato-names-china-enabler',
    phrase: 'named China a decisive enabler of the war in Ukraine',
    speakerId: 'nato',
    kind: 'accusation',
    targetIds: ['china'],
    quote: 'a decisive enabler of the war in Ukraine',
    summary:
      'Alliance leaders call China a decisive enabler of Russia’s war in their summit statement.',
    saidAt: { date: '2024-07-10', precision: 'day' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'supports' }],
  },
  {
    // Suspicious as given: a rebuke of the alliance credited to the EU's own delegation.
    key: 'eu-delegation-rebukes-nato',
    phrase: 'told the alliance to stop hyping a China threat and to work for peace instead',
    speakerId: 'eu-delegation-china',
    principalId: 'european-union',
    kind: 'criticism',
    targetIds: ['nato'],
    quote: 'stop hyping a China threat',
    summary:
      'The source credits the EU delegation in Beijing with telling the alliance to stop hyping a China threat.',
    saidAt: { date: '2024-07-11', precision: 'day' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'opposes' }],
  },
  {
    key: 'china-says-balanced',
    phrase: 'Beijing insists it sends no weapons to either side and calls its position balanced',
    speakerId: 'china',
    kind: 'statement',
    targetIds: [],
    summary: 'China says it sends no weapons to either side and that its position is balanced.',
    saidAt: { date: null, precision: 'unknown' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'opposes' }],
  },
  {
    // Suspicious as given: Russia accusing its own ally.
    key: 'russian-mfa-accuses-ally',
    phrase: "Russia's Foreign Ministry accused its ally of spreading bias and slander",
    speakerId: 'russian-foreign-ministry',
    principalId: 'russia',
    kind: 'accusation',
    targetIds: ['china'],
    summary: 'The source says Russia’s foreign ministry accused its ally of bias and slander.',
    saidAt: { date: '2024-07-11', precision: 'day' },
  },
  {
    // As given: the (misspelt) spokesman in the Russian ministry's paragraph.
    key: 'spokesman-denies-claims',
    phrase: "called the alliance's claims unfounded and malicious",
    speakerId: 'lin-jian',
    principalId: 'russia',
    kind: 'denial',
    targetIds: ['nato'],
    quote: 'unfounded and malicious',
    summary:
      'A spokesman the source names “Lin Jiang” calls the alliance’s claims unfounded and malicious.',
    saidAt: { date: '2024-07-11', precision: 'day' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'opposes' }],
  },
  {
    key: 'spokesman-urges-nato',
    phrase: 'urged it to look at its own conduct',
    speakerId: 'lin-jian',
    principalId: 'russia',
    kind: 'appeal',
    targetIds: ['nato'],
    summary: 'The same spokesman urges the alliance to look at its own conduct.',
    saidAt: { date: '2024-07-11', precision: 'day' },
  },
  {
    key: 'peskov-countermeasures',
    phrase: 'Moscow was preparing countermeasures against a grave threat from the alliance',
    speakerId: 'dmitry-peskov',
    principalId: 'russia',
    kind: 'warning',
    targetIds: ['nato'],
    quote: 'countermeasures',
    summary:
      'The Kremlin says Moscow is preparing countermeasures against a grave threat from NATO.',
    saidAt: { date: '2024-07-11', precision: 'day' },
    stances: [{ propositionId: 'nato-threatens-russia', stance: 'supports' }],
  },
  {
    key: 'peskov-drawn-in',
    phrase: 'the alliance was now fully drawn into the conflict',
    speakerId: 'dmitry-peskov',
    principalId: 'russia',
    kind: 'statement',
    targetIds: ['nato'],
    summary: 'Peskov says the alliance is now fully drawn into the conflict.',
    saidAt: { date: '2024-07-11', precision: 'day' },
  },
  {
    key: 'blinken-machine-tools',
    phrase:
      "accused China of supplying machine tools and microchips that rebuilt Russia's arms industry",
    speakerId: 'antony-blinken',
    principalId: 'united-states',
    kind: 'accusation',
    targetIds: ['china'],
    summary:
      'The US secretary of state accuses China of supplying machine tools and microchips for Russia’s arms industry.',
    saidAt: { date: '2024-04', precision: 'month' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'supports' }],
  },
  {
    key: 'washington-vows-banks',
    phrase: 'Washington has vowed to pursue banks that help finance the war effort',
    speakerId: 'united-states',
    kind: 'pledge',
    targetIds: [],
    summary: 'The United States vows to pursue banks that help finance Russia’s war effort.',
    saidAt: { date: null, precision: 'unknown' },
  },
  {
    key: 'china-rejects-allegation',
    phrase: 'China has rejected the allegation that it fuels the fighting',
    speakerId: 'china',
    kind: 'denial',
    targetIds: ['nato', 'united-states'],
    summary: 'China rejects the allegation that it fuels the fighting.',
    saidAt: { date: null, precision: 'unknown' },
    stances: [{ propositionId: 'china-enables-russia-war', stance: 'opposes' }],
  },
];

/** Accusations made by sample statements, and the responses linked to them. */
export const SAMPLE_ACCUSATIONS = [
  {
    key: 'nato-vs-china',
    statement: 'nato-names-china-enabler',
    allegation: 'enabling Russia’s war against Ukraine',
    responses: [{ statement: 'china-rejects-allegation', response: 'denial' as const }],
  },
  {
    key: 'us-vs-china',
    statement: 'blinken-machine-tools',
    allegation: 'supplying machine tools and microchips to Russia’s arms industry',
    responses: [],
  },
];
