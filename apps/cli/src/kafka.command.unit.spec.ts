import { InvalidArgumentError } from 'commander';
import { isoTime } from './kafka.command';

describe('--to-time (isoTime)', () => {
  it.each([
    ['2025-05-01', '2025-05-01T00:00:00.000Z'],
    ['2025-05-01T09:30:00Z', '2025-05-01T09:30:00.000Z'],
    ['2025-05-01T09:30Z', '2025-05-01T09:30:00.000Z'],
    ['2025-05-01T09:30:00+02:00', '2025-05-01T07:30:00.000Z'],
    ['2025-05-01T09:30:00-0130', '2025-05-01T11:00:00.000Z'],
    ['2025-05-01t09:30:00.1234z', '2025-05-01T09:30:00.123Z'],
    ['2024-02-29T23:59:59.5+00:00', '2024-02-29T23:59:59.500Z'],
  ])('reads %s as %s', (value, iso) => {
    expect(isoTime(value).toISOString()).toBe(iso);
  });

  it.each([
    'yesterday',
    '',
    '1714550000000',
    '2025-05-01T09:30:00', // no offset: whose 09:30?
    '2025-5-1',
    '2025-02-30',
    '2025-13-01',
    '2025-05-01T24:00:00Z',
    '2025-05-01T09:60:00Z',
    '2025-05-01T09:30:00+25:00',
    '2025-05-01 09:30:00Z',
  ])('refuses %j', (value) => {
    expect(() => isoTime(value)).toThrow(InvalidArgumentError);
    expect(() => isoTime(value)).toThrow(/^Expected an ISO 8601 date or date-time with offset/);
  });
});
