import { saidOn } from './statements';

describe('saidOn', () => {
  it('turns a month into its first day and keeps a day', () => {
    expect(saidOn({ date: '2024-07', precision: 'month' })).toBe('2024-07-01');
    expect(saidOn({ date: '2024-07-11', precision: 'day' })).toBe('2024-07-11');
    expect(saidOn({ date: null, precision: 'unknown' })).toBeNull();
  });

  it('shows undated, instead of failing the projection, a date PostgreSQL cannot hold', () => {
    // Only events stored before the calendar rule can carry these.
    expect(saidOn({ date: '0000-07-11', precision: 'day' })).toBeNull();
    expect(saidOn({ date: '0000-07', precision: 'month' })).toBeNull();
    expect(saidOn({ date: '2024-02-30', precision: 'day' })).toBeNull();
  });
});
