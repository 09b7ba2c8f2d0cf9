import { CorrectStatementCommand } from '../statements/correct-statement/correct-statement.command';
import { RetractStatementCommand } from '../statements/retract-statement/retract-statement.command';
import { csvObjects } from '../testing/csv';
import {
  recordStatement,
  registerActors,
  registerSource,
  statementStreamId,
} from '../testing/fixtures';
import { createHarness, Harness, pause } from '../testing/harness';
import { CSV_COLUMNS } from './csv';
import { ExportRequest, ExportStatementsQuery } from './export-statements.query';

describe('ExportStatementsQuery (real Postgres)', () => {
  let h: Harness;
  let sourceId: string;
  /** An instant after everything was recorded but before the correction and the retraction. */
  let beforeCorrection: string;
  const ids: Record<string, string> = {};

  const dbNow = async () =>
    new Date(
      (await h.dataSource.query(`SELECT clock_timestamp() AS t`))[0].t as Date,
    ).toISOString();

  /** The whole export as text, and its pages. */
  async function exported(request: ExportRequest, pageSize?: number) {
    const result = await h.queries.execute(new ExportStatementsQuery(request, pageSize));
    const pages: Array<{ text: string; statements: number }> = [];
    for await (const page of result.pages()) pages.push(page);
    return { result, pages, text: pages.map((p) => p.text).join('') };
  }
  const jsonRows = async (request: Omit<ExportRequest, 'format'>) =>
    (await exported({ format: 'jsonl', ...request })).text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  const byId = (rows: Array<{ statementId?: string; id?: string }>) =>
    Object.fromEntries(rows.map((row) => [row.statementId ?? row.id, row]));

  beforeAll(async () => {
    h = await createHarness();
    await registerActors(
      h,
      { actorId: 'russia', name: 'Russia', kind: 'state', countryCode: 'RU' },
      { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body', countryCode: 'RU' },
      { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', kind: 'person', countryCode: 'RU' },
      { actorId: 'sergey-lavrov', name: 'Sergey Lavrov', kind: 'person', countryCode: 'RU' },
      { actorId: 'nato', name: 'NATO', kind: 'organisation' },
      { actorId: 'china', name: 'China', kind: 'state', countryCode: 'CN' },
    );
    sourceId = await registerSource(h, { publisher: 'Wire, "Evening" edition' });
    ids.warning = await recordStatement(h, sourceId, {
      speakerId: 'dmitry-peskov',
      kind: 'warning',
      cameo: '138',
      quote: 'We will respond, "firmly",\nif we must',
      saidAt: { date: '2024-07-11', precision: 'day' },
    });
    ids.accusation = await recordStatement(h, sourceId, {
      speakerId: 'russia',
      kind: 'accusation',
      quote: 'NATO is escalating',
      saidAt: { date: '2024-07-12', precision: 'day' },
    });
    ids.plain = await recordStatement(h, sourceId, {
      speakerId: 'china',
      kind: 'statement',
      targetIds: [],
      quote: 'We follow events closely',
      saidAt: { date: '2024-06-01', precision: 'day' },
    });
    await pause();
    beforeCorrection = await dbNow();
    await pause();
    await h.commands.execute(
      new CorrectStatementCommand(
        ids.warning,
        {
          changes: { speakerId: 'sergey-lavrov', principalId: 'kremlin' },
          reason: 'misattributed',
        },
        h.context(),
      ),
    );
    await h.commands.execute(
      new RetractStatementCommand(
        ids.accusation,
        { retractedOn: '2024-07-20', sourceId },
        h.context(),
      ),
    );
    await h.project();
  });
  afterAll(() => h.close());

  it('shows each statement as known at knownAt: the attribution before the correction, then after', async () => {
    const before = byId(await jsonRows({ knownAt: beforeCorrection }));
    expect(Object.keys(before).sort()).toEqual(Object.values(ids).sort());
    expect(before[ids.warning]).toMatchObject({
      version: 1,
      speaker: { actorId: 'dmitry-peskov', name: 'Dmitry Peskov', countryCode: 'RU' },
      principal: null,
      corrections: 0,
    });
    expect(before[ids.accusation]).toMatchObject({ status: 'recorded', retractedOn: null });

    const now = byId(await jsonRows({}));
    expect(now[ids.warning]).toMatchObject({
      version: 2,
      speaker: { actorId: 'sergey-lavrov' },
      principal: { actorId: 'kremlin', name: 'Kremlin', kind: 'government-body' },
      corrections: 1,
      targets: [{ actorId: 'nato', name: 'NATO', countryCode: null }],
      source: { sourceId, publisher: 'Wire, "Evening" edition' },
    });
    // A retracted statement is still exported, with its status.
    expect(now[ids.accusation]).toMatchObject({ status: 'retracted', retractedOn: '2024-07-20' });

    // Not yet recorded: absent.
    expect(await jsonRows({ knownAt: '2000-01-01T00:00:00Z' })).toEqual([]);
  });

  it('ties every row to the event that made its version: its id and hash as stored', async () => {
    for (const knownAt of [beforeCorrection, undefined]) {
      const rows = await jsonRows({ knownAt });
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        const [event] = await h.dataSource.query(
          `SELECT event_id, type, encode(hash, 'hex') AS hash FROM events
            WHERE stream_id = $1 AND stream_position = $2`,
          [statementStreamId(row.statementId), row.version],
        );
        expect({ eventId: row.eventId, eventHash: row.eventHash }).toEqual({
          eventId: event.event_id,
          eventHash: event.hash,
        });
        expect(row.eventHash).toMatch(/^[0-9a-f]{64}$/);
        if (row.statementId === ids.warning)
          expect(event.type).toBe(knownAt ? 'StatementRecorded' : 'StatementCorrected');
      }
    }
  });

  it('writes CSV with the GDELT header that an RFC 4180 reader reads back', async () => {
    const now = await exported({ format: 'csv' });
    expect(now.result.mediaType).toBe('text/csv; charset=utf-8');
    expect(now.result.filename).toMatch(/^statements-\d{8}T\d{6}Z\.csv$/);
    expect(now.text.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = byIdOf(csvObjects(now.text));
    expect(rows[ids.warning]).toMatchObject({
      SQLDATE: '20240711',
      Actor1Code: 'RUSGOV',
      Actor1Name: 'Kremlin',
      Actor1CountryCode: 'RUS',
      Actor2Name: 'NATO',
      EventCode: '138',
      EventRootCode: '13',
      QuadClass: '3',
      SpeakerId: 'sergey-lavrov',
      PrincipalId: 'kremlin',
      Quote: 'We will respond, "firmly",\nif we must',
      Version: '2',
      Corrections: '1',
      DateBasis: 'said',
    });
    expect(rows[ids.accusation]).toMatchObject({ Status: 'retracted', EventCode: '112' });
    for (const row of Object.values(rows)) {
      const [{ hash }] = await h.dataSource.query(
        `SELECT encode(hash, 'hex') AS hash FROM events WHERE stream_id = $1 AND stream_position = $2`,
        [statementStreamId(row.GLOBALEVENTID), Number(row.Version)],
      );
      expect(row.EventHash).toBe(hash);
    }

    const before = byIdOf(
      csvObjects((await exported({ format: 'csv', knownAt: beforeCorrection })).text),
    );
    expect(before[ids.warning]).toMatchObject({
      Actor1Code: 'RUS',
      Actor1Name: 'Dmitry Peskov',
      SpeakerId: 'dmitry-peskov',
      PrincipalId: '',
      Version: '1',
    });
  });

  it('writes PLOVER records, one JSON object per line with the required fields', async () => {
    const { text, result } = await exported({ format: 'plover' });
    expect(result.mediaType).toBe('application/x-ndjson');
    const records = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(records).toHaveLength(3);
    for (const record of records)
      for (const field of ['id', 'date', 'source', 'recipient', 'event', 'mode', 'context'])
        expect(record).toHaveProperty(field);
    for (const record of records)
      expect(record).toMatchObject({
        coder: 'statement-tracker',
        version: expect.any(Number),
        publication: 'Wire, "Evening" edition',
        eventId: expect.any(String),
        eventHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    const plover = byId(records);
    expect(plover[ids.warning]).toMatchObject({
      date: '2024-07-11',
      event: 'THREATEN',
      mode: 'violence',
      source: [{ code: 'RUS', sector: 'GOV', identifier_id: 'kremlin' }],
      recipient: [{ code: null, identifier_id: 'nato' }],
      text: 'We will respond, "firmly",\nif we must',
    });
    expect(plover[ids.accusation]).toMatchObject({ event: 'ACCUSE', status: 'retracted' });
    expect(plover[ids.plain]).toMatchObject({ has_event: false, event: null, recipient: [] });
  });

  it('filters by said date: asOf (a later retraction has not happened yet) and from–to', async () => {
    const asOf = byId(await jsonRows({ asOf: '2024-07-15' }));
    expect(Object.keys(asOf)).toHaveLength(3);
    expect(asOf[ids.accusation]).toMatchObject({ status: 'recorded', retractedOn: null });
    expect(Object.keys(byId(await jsonRows({ asOf: '2024-06-30' })))).toEqual([ids.plain]);
    const range = await jsonRows({ from: '2024-07-01', to: '2024-07-11' });
    expect(range.map((row) => row.statementId)).toEqual([ids.warning]);
  });

  it('reads in keyset pages: the same rows in statement-id order whatever the page size', async () => {
    const whole = await exported({ format: 'csv' });
    const paged = await exported({ format: 'csv' }, 2);
    expect(paged.pages.map((p) => p.statements)).toEqual([2, 1]);
    expect(paged.text).toBe(whole.text);
    const single = await exported({ format: 'jsonl' }, 1);
    expect(single.pages.map((p) => p.statements)).toEqual([1, 1, 1]);
    const order = single.pages.map((p) => JSON.parse(p.text).statementId);
    expect(order).toEqual([...order].sort());
    // An empty export still writes its CSV header.
    const empty = await exported({ format: 'csv', knownAt: '2000-01-01T00:00:00Z' });
    expect(empty.pages).toEqual([{ text: `${CSV_COLUMNS.join(',')}\r\n`, statements: 0 }]);
    expect(await whole.result.estimate()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a bad format, instant, date or range, naming the parameter', async () => {
    const refused = (request: ExportRequest) =>
      h.queries.execute(new ExportStatementsQuery(request));
    await expect(refused({ format: 'xml' })).rejects.toMatchObject({ field: 'format' });
    await expect(refused({ format: 'csv', knownAt: 'yesterday' })).rejects.toMatchObject({
      field: 'knownAt',
    });
    await expect(refused({ format: 'csv', asOf: '2024-02-30' })).rejects.toMatchObject({
      field: 'asOf',
    });
    await expect(
      refused({ format: 'csv', from: '2024-07-02', to: '2024-07-01' }),
    ).rejects.toMatchObject({ field: 'from' });
  });
});

const byIdOf = (rows: Array<Record<string, string>>) =>
  Object.fromEntries(rows.map((row) => [row.GLOBALEVENTID, row]));
