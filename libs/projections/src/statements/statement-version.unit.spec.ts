import { saidOn } from './statement-version';

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
