/**
 * The extractor's speakers (titles, roles, aliases, new names) on short texts written for these tests.
 */
import { Candidate, extract, gazetteerOf, withinOneEdit } from './index';

const one = (text: string): Candidate => {
  const found = extract(text);
  expect(found).toHaveLength(1);
  return found[0];
};
const ids = (c: Candidate) => c.targets.map((t) => t.id);

describe('speakers: titles, roles, aliases, new names', () => {
  it('resolves a titled person to the person, and the principal through the registry', () => {
    const c = one('Kremlin spokesman Dmitry Peskov said the meeting was constructive.');
    expect(c.speaker.id).toBe('dmitry-peskov');
    expect(c.principal?.id).toBe('russia');
    const b = one('U.S. Secretary of State Antony Blinken said the sanctions would stay.');
    expect([b.speaker.id, b.principal?.id]).toEqual(['antony-blinken', 'united-states']);
  });

  it('reads a capital and a body as their state', () => {
    expect(one('Beijing said the visit was routine.').speaker.id).toBe('china');
    const c = one("Russia's Foreign Ministry accused the envoy of spying.");
    expect([c.speaker.id, c.principal?.id]).toEqual(['russian-foreign-ministry', 'russia']);
  });

  it('proposes a body of a known state from the phrase', () => {
    const c = one("Poland's Defence Ministry said the drills would go ahead.");
    expect(c.speaker).toMatchObject({ id: 'poland-defence-ministry', proposed: true });
    expect(c.principal?.id).toBe('poland');
  });

  it('counts "the alliance" as NATO only once NATO was named', () => {
    expect(extract('The alliance said the exercise was planned long ago.')).toEqual([]);
    const found = extract(
      'NATO held talks in Brussels. The alliance said the exercise was planned long ago.',
    );
    expect(found.map((c) => c.speaker.id)).toEqual(['nato']);
  });

  it('proposes new actors for names the gazetteer does not know', () => {
    const c = one('Acme Mining chief executive Jane Doe said output would double.');
    expect(c.speaker).toEqual({ id: 'jane-doe', name: 'Jane Doe', proposed: true });
    expect(c.principal).toEqual({ id: 'acme-mining', name: 'Acme Mining', proposed: true });
    const later = extract(
      'Acme Mining chief executive Jane Doe said output would double. Doe added that prices were low.',
    );
    expect(later.map((x) => x.speaker.id)).toEqual(['jane-doe', 'jane-doe']);
  });

  it('takes a name one letter off a known person as that person, with less confidence', () => {
    const c = one('“The claims are baseless,” spokesman Lin Jiang said.');
    expect([c.speaker.id, c.principal?.id, c.via]).toEqual(['lin-jian', 'china', 'near-name']);
    expect(c.confidence).toBeLessThan(0.85);
    expect(withinOneEdit('Lin Jian', 'Lin Jiang')).toBe(true);
    expect(withinOneEdit('Lin Jian', 'Lin Juang')).toBe(false);
  });

  it('names groups by what their members are, and people by the firm they speak from', () => {
    expect(one('Dairy farmers criticised the new quotas.').speaker).toMatchObject({
      id: 'dairy-farmers',
      proposed: true,
    });
    expect(one('Analysts at Northgate Capital warned of a slowdown.').speaker).toMatchObject({
      id: 'northgate-capital',
      proposed: true,
    });
    // An indefinite role is someone unnamed, not a group.
    expect(extract('A witness said the road was blocked.')).toEqual([]);
  });

  it('refers back to organisations the text introduced by what they are', () => {
    const found = extract(
      'Budget airline Swiftwing cancelled 40 flights. The airline blamed the weather. ' +
        'Shares in Harlow Bank fell after the lender warned of losses. ' +
        'Harlow rejected the report, and a company spokesman said the figures were sound.',
    );
    expect(found.map((c) => [c.speaker.id, c.kind])).toEqual([
      ['swiftwing', 'accusation'],
      ['harlow-bank', 'warning'],
      ['harlow-bank', 'rejection'],
      ['harlow-bank', 'statement'],
    ]);
  });

  it('knows a two-word surname again', () => {
    const found = extract(
      'Coach Luca De Santis praised the team. De Santis added that the season was long.',
    );
    expect(found.map((c) => c.speaker.id)).toEqual(['luca-de-santis', 'luca-de-santis']);
  });

  it('reads the words between commas after a subject', () => {
    const said = (text: string) =>
      extract(text).map((c) => [c.speaker.id, c.principal?.id ?? null]);
    // A description of an organisation, a relative clause, a participle: the subject speaks.
    expect(said('Corvane, the Swedish maker of wind turbines, said orders fell.')).toEqual([
      ['corvane', null],
    ]);
    expect(said('Sudan, which also relies on the river, called on both sides to talk.')).toEqual([
      ['sudan', null],
    ]);
    expect(
      said(
        'An African Union official, speaking on condition of anonymity, said talks would resume.',
      ),
    ).toEqual([['african-union', null]]);
    // Whom a person speaks for, given between the commas.
    expect(said('Maria Lenz, co-leader of the Green Alliance, mocked the plan.')).toEqual([
      ['maria-lenz', 'green-alliance'],
    ]);
    expect(
      said('Tax lawyer Omar Reyes, of the firm Reyes Hart, cautioned that appeals take years.'),
    ).toEqual([['omar-reyes', 'reyes-hart']]);
    // A name between the commas speaks; "its" is the organisation that spoke before.
    expect(said("The drivers' union, the NDU, demanded talks.")).toEqual([['ndu', null]]);
    expect(
      said('Corvane said orders fell. Its chief executive, Ida Berg, added that costs rose.'),
    ).toEqual([
      ['corvane', null],
      ['ida-berg', 'corvane'],
    ]);
  });

  it('lets a government speak as its state, and names organisations after a state', () => {
    expect(one('The Dutch government said the rules would widen.').speaker.id).toBe('netherlands');
    expect(ids(one('Anna Hale appealed to the British government to intervene.'))).toEqual([
      'united-kingdom',
    ]);
    expect(one('The Bank of Russia warned that prices would rise.').speaker).toMatchObject({
      id: 'bank-of-russia',
      proposed: true,
    });
    expect(one('The GMB union welcomed the ruling.').speaker.id).toBe('gmb');
    expect(one('Ethiopia rejected the accusation.').speaker.id).toBe('ethiopia');
  });

  it('reads names the tagger takes for other words', () => {
    const found = extract(
      "China's commerce ministry warned of countermeasures. “We oppose this,” ministry spokesperson He Yadong told reporters.",
    );
    expect(found[1]).toMatchObject({
      speaker: { id: 'he-yadong' },
      principal: { id: 'china-commerce-ministry' },
    });
    // A capitalised adverb inside a sentence is a name; a first word of a field is not one.
    const riders = extract(
      'Riders for the app Swiftly won their case. “We are disappointed,” a Swiftly spokeswoman said. ' +
        'Employment lawyer Nadia Rahman said the ruling was narrow.',
    );
    expect(riders.map((c) => [c.speaker.id, c.principal?.id ?? null])).toEqual([
      ['swiftly', null],
      ['nadia-rahman', null],
    ]);
  });

  it('reads whole names: with "of", beginning with a state, a person of a firm', () => {
    const said = (text: string) =>
      extract(text).map((c) => [c.speaker.id, c.principal?.id ?? null]);
    expect(said('The American Academy of Pediatrics condemned the move.')).toEqual([
      ['american-academy-of-pediatrics', null],
    ]);
    expect(said('The Communications Workers of America union denounced the cuts.')).toEqual([
      ['communications-workers-of-america', null],
    ]);
    expect(said('The far-left France Unbowed party said it would table a motion.')).toEqual([
      ['france-unbowed', null],
    ]);
    expect(said('Analyst Rob Keane of Hartwell Research said the savings were larger.')).toEqual([
      ['rob-keane', 'hartwell-research'],
    ]);
    expect(
      said('Marine Le Pen, whose National Rally holds the balance, accused the government.'),
    ).toEqual([['marine-le-pen', 'national-rally']]);
    expect(said('According to two negotiators, the text was blocked.')).toEqual([
      ['negotiators', null],
    ]);
  });

  it('refers back by description, and never takes a body for a person', () => {
    const found = extract(
      'Max Verstappen said he would not be distracted. “We focus on what we can control,” the Dutchman added. ' +
        'The FIA rejected the criticism. A spokesman for the federation said the rules were agreed. ' +
        'Susan Kressly said children would pay the price. The department said the panel would meet.',
    );
    expect(found.map((c) => c.speaker.id)).toEqual([
      'max-verstappen',
      'max-verstappen',
      'fia',
      'fia',
      'susan-kressly',
    ]);
  });

  it('names the holder of a role when the next sentence does', () => {
    const found = extract(
      "Turkey's president on Monday urged Russia to revive the deal. " +
        'Speaking in Ankara, Recep Tayyip Erdogan said talks would go on.',
    );
    expect(found.map((c) => [c.speaker.id, c.principal?.id])).toEqual([
      ['recep-tayyip-erdogan', 'turkiye'],
      ['recep-tayyip-erdogan', 'turkiye'],
    ]);
    const mayor = extract(
      'The mayor of Eastport vowed on Friday to hire more officers. ' +
        'Dana Ruiz told a news conference that the city would pay. ' +
        'Union chief Tom Hale urged the mayor to meet officers.',
    );
    expect(mayor.map((c) => c.speaker.id)).toEqual(['dana-ruiz', 'dana-ruiz', 'tom-hale']);
    expect(ids(mayor[2])).toEqual(['dana-ruiz']);
    // Not a group, not whom the role spoke about, not someone titled for another body.
    expect(
      extract(
        'US prosecutors accuse Hale of fraud. Hale, who lives in London, denies the charges.',
      ).map((c) => c.speaker.id),
    ).toEqual(['united-states', 'hale']);
    expect(
      extract(
        "Russia's foreign ministry spokeswoman said the talks failed. Kremlin spokesman Dmitry Peskov said they would resume.",
      ).map((c) => c.speaker.id),
    ).toEqual(['russian-foreign-ministry', 'dmitry-peskov']);
  });

  it('reads names with particles and hyphens', () => {
    expect(
      one('“It was a cartel,” said Ingrid van Dijk, who represents the firms.').speaker.id,
    ).toBe('ingrid-van-dijk');
    expect(one('President Lai Ching-te called on Beijing to show restraint.')).toMatchObject({
      speaker: { id: 'lai-ching-te', name: 'Lai Ching-te' },
      targets: [{ id: 'china' }],
    });
  });

  it('reads "it" as no person and "he" or "she" as one', () => {
    const found = extract(
      "Sarkozy's lawyer, Vincent Desry, said the ruling was wrong. " +
        "The national financial prosecutor's office said it welcomed the decision.",
    );
    expect(found.map((c) => [c.speaker.id, c.kind])).toEqual([
      ['vincent-desry', 'statement'],
      ['national-financial-prosecutor-office', 'praise'],
    ]);
    expect(
      extract('Its director general, Rain Newton-Smith, said small firms would suffer.')[0].speaker,
    ).toMatchObject({ id: 'rain-newton-smith', name: 'Rain Newton-Smith' });
    expect(one('Rival search engine DuckDuckGo welcomed the filing.').speaker.id).toBe(
      'duckduckgo',
    );
  });

  it('finds the subject before a place, a group named irregularly, a body of a company', () => {
    const said = (text: string) =>
      extract(text).map((c) => [c.speaker.id, c.principal?.id ?? null, c.kind]);
    expect(
      said('The employment tribunal in Cardiff ruled that the board had punished her.'),
    ).toEqual([['employment-tribunal', null, 'statement']]);
    expect(said("Sudan's army-backed government welcomed the veto.")).toEqual([
      ['sudan', null, 'praise'],
    ]);
    expect(said('Scottish fishermen criticised the talks.')).toEqual([
      ['scottish-fishermen', null, 'criticism'],
    ]);
    expect(said("Nordbank's supervisory board warned of job losses.")).toEqual([
      ['nordbank-supervisory-board', 'nordbank', 'warning'],
    ]);
    // A resolution calling for something is not a speaker; whom one tells is no target.
    expect(said('Russia vetoed a Security Council resolution calling for a ceasefire.')).toEqual(
      [],
    );
    expect(ids(one('Andrea Orcel told Bloomberg that a merger made sense.'))).toEqual([]);
  });

  it('refers back by description to a person the text only told of', () => {
    const found = extract(
      'Real Madrid forward Vinicius Junior was abused by fans on Sunday. ' +
        'The Brazilian wrote on Instagram that La Liga had done nothing.',
    );
    expect(found.map((c) => [c.speaker.id, ids(c)])).toEqual([['vinicius-junior', ['la-liga']]]);
    expect(
      one('Foreign ministry spokesman Majed al-Ansari told a briefing that talks went on.').speaker,
    ).toMatchObject({ id: 'majed-al-ansari', name: 'Majed al-Ansari' });
  });

  it('uses a registry given instead of the built-in list', () => {
    const gazetteer = gazetteerOf([
      { id: 'acme', name: 'Acme', kind: 'organisation', aliases: ['the company'] },
    ]);
    const [c] = extract('Acme said profits rose.', gazetteer);
    expect(c.speaker).toEqual({ id: 'acme', name: 'Acme' });
    expect(extract('China said profits rose.', gazetteer)[0].speaker.proposed).toBe(true);
  });
});

// The seed story retold in our own words, with the same attribution shapes and slips.
