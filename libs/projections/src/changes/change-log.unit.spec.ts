import { compareChangeIds, parseChangeId } from './change-log';

describe('change ids', () => {
  it('parses only what the log hands out', () => {
    expect(parseChangeId('7731-42')).toEqual({ tx: '7731', seq: '42' });
    for (const bad of [
      '',
      '7731',
      '7731-',
      '-42',
      '7731-42-1',
      'x-1',
      '1-1e3',
      `${'9'.repeat(21)}-1`,
    ])
      expect(parseChangeId(bad)).toBeNull();
  });

  it('orders by transaction, then sequence, as numbers (not as text)', () => {
    expect(compareChangeIds('9-100', '10-1')).toBeLessThan(0);
    expect(compareChangeIds('10-9', '10-10')).toBeLessThan(0);
    expect(compareChangeIds('10-10', '10-10')).toBe(0);
    expect(compareChangeIds(null, '1-1')).toBeLessThan(0);
    expect(compareChangeIds('1-1', null)).toBeGreaterThan(0);
    const ids = ['12-3', '9-7', '12-20', '100-1', '9-10'];
    expect([...ids].sort(compareChangeIds)).toEqual(['9-7', '9-10', '12-3', '12-20', '100-1']);
  });
});
