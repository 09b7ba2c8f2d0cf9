import fc from 'fast-check';
import { DomainError } from '../decider';
import { instant, isoDate, isRealDate } from './values';

function refusal(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

describe('the calendar rule', () => {
  it.each([
    ['0000-07-11', 'year 0 does not exist in PostgreSQL'],
    ['2024-02-30', 'no 30 February'],
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2024-13-01', 'month 13'],
    ['2024-00-10', 'month 0'],
    ['2024-04-31', 'April has 30 days'],
  ])('refuses %s (%s)', (value) => {
    expect(refusal(() => isoDate(value, 'saidAt.date'))).toMatch(/saidAt\.date is not a real/);
  });

  it.each(['0001-01-01', '2000-02-29', '2024-02-29', '9999-12-31'])('accepts %s', (value) => {
    expect(isoDate(value, 'd')).toBe(value);
  });

  it('agrees with the Gregorian calendar on every day of years 1 … 9999', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const reference = new Date(0);
          reference.setUTCFullYear(year, month - 1, day);
          const exists = reference.getUTCDate() === day && reference.getUTCMonth() === month - 1;
          expect(isRealDate(text)).toBe(exists);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('instants', () => {
  it.each([
    ['2024-02-30T00:00:00Z', 'a day that does not exist'],
    ['0000-07-11T10:00:00Z', 'year 0'],
    ['0001-01-01T00:30:00+01:00', 'year 0 once in UTC'],
    ['2024-07-11T24:00:00Z', 'hour 24'],
    ['2024-07-11T23:60:00Z', 'minute 60'],
    ['2024-07-11T23:59:60Z', 'a leap second PostgreSQL would roll over'],
    ['2024-07-11T10:00:00+15:00', 'offset beyond ±14:00'],
    ['2024-07-11T10:00:00+01:60', 'offset minute 60'],
  ])('refuses %s (%s)', (value) => {
    expect(refusal(() => instant(value, 'knownAt'))).toMatch(/^knownAt /);
  });

  it('normalises to UTC', () => {
    expect(instant('2024-07-11T09:30:00+02:00', 'knownAt')).toBe('2024-07-11T07:30:00.000Z');
    expect(instant('9999-12-31T23:59:59.999999Z', 'knownAt')).toBe('9999-12-31T23:59:59.999Z');
    expect(instant('2024-07-11T01:00-14:00', 'knownAt')).toBe('2024-07-11T15:00:00.000Z');
  });
});
