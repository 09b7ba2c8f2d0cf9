import type { ProjectionEvent } from '../projection';
import { nextVersion, saidOn } from './statement-version';

describe('saidOn', () => {
  it('turns a month into its first day and keeps a day', () => {
    expect(saidOn({ date: '2024-07', precision: 'month' })).toBe('2024-07-01');
    expect(saidOn({ date: '2024-07-11', precision: 'day' })).toBe('2024-07-11');
    expect(saidOn({ date: null, precision: 'unknown' })).toBeNull();
  });

  it('refuses, by name, a date outside the calendar rule (a dead letter says why)', () => {
    // Only events stored before the rule can carry these.
    for (const date of ['0000-07-11', '0000-07', '2024-02-30', 'someday-soon'])
      expect(() => saidOn({ date, precision: 'day' })).toThrow(/not a real calendar date/);
  });
});

describe('the date a statement counts from', () => {
  const SOURCE = '6f0c1c52-8d43-4b4e-9d0e-2f3a0f6c2b10';
  const STATEMENT = '0b4c8f7e-5d1a-4c3e-8a2b-9e6f7d5c4b3a';
  let position = 0;
  const event = (type: string, data: Record<string, unknown>, recordedAt: string) =>
    ({
      type,
      data: { statementId: STATEMENT, ...data },
      eventId: `e${++position}`,
      streamId: `statement-${STATEMENT}`,
      streamPosition: position,
      transactionId: String(position),
      globalPosition: position,
      schemaVersion: 1,
      recordedAt: new Date(recordedAt),
    }) as unknown as ProjectionEvent<'StatementRecorded'>;
  const recorded = (saidAt: object, mention: object | undefined) =>
    event(
      'StatementRecorded',
      {
        speakerId: 'china',
        kind: 'statement',
        cameo: '010',
        goldstein: 0,
        saidAt,
        ...(mention ? { mention } : {}),
      },
      '2026-03-05T23:30:00Z',
    );
  const unknown = { date: null, precision: 'unknown' };

  it('is the said date when known', () => {
    const v = nextVersion(undefined, recorded({ date: '2024-07', precision: 'month' }, undefined));
    expect([v.dated_on, v.date_basis]).toEqual(['2024-07-01', 'said']);
  });

  it("is the first mention's reportedAt (UTC day), else its source's publication date", () => {
    const reported = nextVersion(
      undefined,
      recorded(unknown, { sourceId: SOURCE, span: null, reportedAt: '2024-07-11T23:30:00-02:00' }),
    );
    expect([reported.dated_on, reported.date_basis]).toEqual(['2024-07-12', 'reported']);
    const published = nextVersion(
      undefined,
      recorded(unknown, { sourceId: SOURCE, span: null, reportedAt: null }),
      new Map([[SOURCE, '2024-07-10']]),
    );
    expect([published.dated_on, published.date_basis]).toEqual(['2024-07-10', 'reported']);
  });

  it('is the day first recorded when no source date is known, and follows corrections', () => {
    const first = nextVersion(
      undefined,
      recorded(unknown, { sourceId: SOURCE, span: null, reportedAt: null }),
      new Map([[SOURCE, null]]),
    );
    expect([first.dated_on, first.date_basis, first.recorded_on]).toEqual([
      '2026-03-05',
      'recorded',
      '2026-03-05',
    ]);
    const dated = nextVersion(
      first,
      event(
        'StatementCorrected',
        { changes: { saidAt: { date: '2024-06-30', precision: 'day' } }, reason: 'found' },
        '2026-04-01T00:00:00Z',
      ) as never,
    );
    expect([dated.dated_on, dated.date_basis]).toEqual(['2024-06-30', 'said']);
    const undated = nextVersion(
      dated,
      event(
        'StatementCorrected',
        { changes: { saidAt: unknown }, reason: 'wrong day' },
        '2026-04-02T00:00:00Z',
      ) as never,
    );
    // Back to the day it was first recorded, not the day of the correction.
    expect([undated.dated_on, undated.date_basis]).toEqual(['2026-03-05', 'recorded']);
  });

  it('takes a first mention added to a history recorded before mentions existed', () => {
    const old = nextVersion(undefined, recorded(unknown, undefined));
    expect(old.date_basis).toBe('recorded');
    const mentioned = nextVersion(
      old,
      event(
        'StatementMentionAdded',
        { sourceId: SOURCE, span: null, reportedAt: '2024-01-02T10:00:00Z' },
        '2026-04-01T00:00:00Z',
      ) as never,
    );
    expect([mentioned.dated_on, mentioned.date_basis, mentioned.source_ids]).toEqual([
      '2024-01-02',
      'reported',
      [SOURCE],
    ]);
  });
});
