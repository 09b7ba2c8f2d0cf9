import { KINDS, STATEMENT_KINDS } from '@app/domain';
import type { ExportedStatement } from '@app/projections';
import { csvObjects, parseCsv } from '../testing/csv';
import { alpha3 } from './country-codes';
import { CSV_COLUMNS, CSV_HEADER, csvField, csvRow } from './csv';
import { cameoActorCode, cameoParts, quadClassOf } from './event-codes';
import { exportFilename, FORMATTERS, jsonLine } from './export-formats';
import { PLOVER_BY_KIND, ploverCoding, ploverRecord } from './plover';

const statement = (overrides: Partial<ExportedStatement> = {}): ExportedStatement => ({
  statementId: '0b9f3c52-1d2e-4c1a-9e4f-2a7c5d8e9f01',
  version: 2,
  eventId: '5e0c1f7a-3b2d-4e6f-8a9b-0c1d2e3f4a5b',
  eventHash: 'ab'.repeat(32),
  recordedAt: '2024-07-12T08:09:10.123Z',
  speaker: { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person', countryCode: 'RU' },
  principal: { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body', countryCode: 'RU' },
  targets: [
    { actorId: 'nato', name: 'NATO', kind: 'organisation', countryCode: null },
    { actorId: 'ukraine', name: 'Ukraine', kind: 'state', countryCode: 'UA' },
  ],
  kind: 'warning',
  cameo: '138',
  goldstein: -7,
  quote: 'We will take "response measures", he said,\r\nand left',
  summary: null,
  datedOn: '2024-07-11',
  dateBasis: 'said',
  saidPrecision: 'day',
  confidence: 1,
  stances: [],
  status: 'retracted',
  retractedOn: '2024-07-13',
  withdrawal: null,
  corrections: 1,
  sourceIds: ['s1', 's2', 's1'],
  source: { sourceId: 's1', url: 'https://news.example/a?x=1,2', publisher: 'Wire', title: 'T' },
  ...overrides,
});

describe('CSV (GDELT columns, RFC 4180)', () => {
  it('quotes a field only when it holds a comma, a quote or a line break', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField(-4.4)).toBe('-4.4');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
  });

  it('writes the header and a row that read back field for field', () => {
    expect(CSV_HEADER.startsWith('GLOBALEVENTID,SQLDATE,Actor1Code,Actor1Name,')).toBe(true);
    expect(CSV_HEADER.endsWith(',EventId,EventHash,Version,DateBasis\r\n')).toBe(true);
    const text = CSV_HEADER + csvRow(statement());
    expect(text.endsWith('\r\n')).toBe(true);
    const [row] = csvObjects(text);
    expect(Object.keys(row)).toEqual(CSV_COLUMNS);
    expect(row).toMatchObject({
      GLOBALEVENTID: '0b9f3c52-1d2e-4c1a-9e4f-2a7c5d8e9f01',
      SQLDATE: '20240711',
      // Actor1 is the principal: a government body, so country plus GOV.
      Actor1Code: 'RUSGOV',
      Actor1Name: 'Kremlin',
      Actor1CountryCode: 'RUS',
      // Actor2 is the first target: an organisation without a country has no CAMEO code.
      Actor2Code: '',
      Actor2Name: 'NATO',
      Actor2CountryCode: '',
      EventCode: '138',
      EventBaseCode: '138',
      EventRootCode: '13',
      QuadClass: '3',
      GoldsteinScale: '-7',
      NumMentions: '3',
      NumSources: '2',
      SOURCEURL: 'https://news.example/a?x=1,2',
      DATEADDED: '20240712080910',
      SpeakerId: 'dmitry-peskov',
      PrincipalId: 'kremlin',
      TargetIds: 'nato;ukraine',
      Quote: 'We will take "response measures", he said,\r\nand left',
      Summary: '',
      Status: 'retracted',
      Corrections: '1',
      EventHash: 'ab'.repeat(32),
      Version: '2',
      DateBasis: 'said',
    });
  });

  it('falls back to the speaker for Actor1 and leaves Actor2 empty without targets', () => {
    const [row] = csvObjects(CSV_HEADER + csvRow(statement({ principal: null, targets: [] })));
    expect(row).toMatchObject({
      Actor1Code: 'RUS',
      Actor1Name: 'Dmitry Peskov',
      Actor2Name: '',
      PrincipalId: '',
      TargetIds: '',
    });
  });

  it('is read by a strict RFC 4180 reader that refuses stray quotes', () => {
    expect(parseCsv('a,"b ""c""",\r\n"x\r\ny",2\r\n')).toEqual([
      ['a', 'b "c"', ''],
      ['x\r\ny', '2'],
    ]);
    expect(() => parseCsv('a"b\r\n')).toThrow(/quote/);
    expect(() => parseCsv('"a"b\r\n')).toThrow(/closing quote/);
  });
});

describe('CAMEO codes', () => {
  it('splits a code into base and root, and groups roots into GDELT quad classes', () => {
    expect(cameoParts('1121')).toEqual({ base: '112', root: '11', quadClass: 3 });
    expect(cameoParts('016')).toEqual({ base: '016', root: '01', quadClass: 1 });
    expect(['01', '05', '06', '09', '10', '14', '15', '20'].map(quadClassOf)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4,
    ]);
    expect(() => quadClassOf('21')).toThrow();
  });

  it('gives every kind’s CAMEO family a quad class', () => {
    for (const kind of STATEMENT_KINDS)
      for (const code of Object.keys(KINDS[kind].cameoFamily))
        expect([1, 2, 3, 4]).toContain(cameoParts(code).quadClass);
  });

  it('turns alpha-2 countries into alpha-3 and builds CAMEO-style actor codes', () => {
    expect([alpha3('CN'), alpha3('US'), alpha3('GB'), alpha3('XK'), alpha3(null)]).toEqual([
      'CHN',
      'USA',
      'GBR',
      null,
      null,
    ]);
    const actor = { actorId: 'x', name: 'X', countryCode: 'CN' };
    expect(cameoActorCode({ ...actor, kind: 'state' })).toBe('CHN');
    expect(cameoActorCode({ ...actor, kind: 'government-body' })).toBe('CHNGOV');
    expect(cameoActorCode({ ...actor, kind: 'organisation', countryCode: null })).toBe('');
    expect(cameoActorCode(undefined)).toBe('');
  });
});

describe('PLOVER', () => {
  it('maps every kind, and leaves statements, denials and appeals without an event', () => {
    expect(Object.keys(PLOVER_BY_KIND).sort()).toEqual([...STATEMENT_KINDS].sort());
    expect(
      Object.fromEntries(STATEMENT_KINDS.map((kind) => [kind, PLOVER_BY_KIND[kind].event])),
    ).toEqual({
      statement: null,
      appeal: null,
      pledge: 'AGREE',
      praise: 'SUPPORT',
      criticism: 'ACCUSE',
      accusation: 'ACCUSE',
      denial: null,
      rejection: 'REJECT',
      warning: 'THREATEN',
    });
    expect(ploverCoding('warning', '138')).toEqual({
      event: 'THREATEN',
      mode: 'violence',
      context: ['military'],
    });
    expect(ploverCoding('accusation', '1122').context).toEqual(['human_rights']);
    expect(ploverCoding('warning', '130')).toEqual({ event: 'THREATEN', mode: null, context: [] });
  });

  it('writes a record with PLOVER’s fields, the actors coded, and the event’s id and hash', () => {
    const record = ploverRecord(statement());
    expect(record).toMatchObject({
      id: '0b9f3c52-1d2e-4c1a-9e4f-2a7c5d8e9f01',
      date: '2024-07-11',
      has_event: true,
      event: 'THREATEN',
      quad_code: 3,
      source: [{ code: 'RUS', sector: 'GOV', actor_text: 'Kremlin', identifier_id: 'kremlin' }],
      recipient: [
        { code: null, actor_text: 'NATO', identifier_id: 'nato' },
        { code: 'UKR', actor_text: 'Ukraine', identifier_id: 'ukraine' },
      ],
      text: 'We will take "response measures", he said,\r\nand left',
      publication: 'Wire',
      coder: 'statement-tracker',
      version: 2,
      status: 'retracted',
      eventId: '5e0c1f7a-3b2d-4e6f-8a9b-0c1d2e3f4a5b',
      eventHash: 'ab'.repeat(32),
    });
    const plain = ploverRecord(statement({ kind: 'statement', cameo: '010', quote: null }));
    expect(plain).toMatchObject({ has_event: false, event: null, quad_code: null, text: null });
    expect(plain.comment).toMatch(/CAMEO 010 \(statement\)/);
  });
});

describe('formats', () => {
  it('writes one line per statement, named for the instant it stands at', () => {
    const line = jsonLine(statement());
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(statement());
    expect(FORMATTERS.plover.line(statement()).split('\n')).toHaveLength(2);
    expect(exportFilename('csv', '2024-07-11T12:00:00.500Z')).toBe(
      'statements-20240711T120000Z.csv',
    );
    expect(exportFilename('plover', '2024-07-11T12:00:00Z')).toBe(
      'statements-20240711T120000Z.plover.jsonl',
    );
  });
});
