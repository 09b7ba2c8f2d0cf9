/**
 * Exit codes and option parsers. Loaded on every call, so it imports nothing heavy: a bad value
 * is refused before any database driver or framework is loaded.
 */
import { InvalidArgumentError } from 'commander';
import { instant, isoDate } from '@app/domain/shared/values';
import { FeedCheckpoint, parseCheckpoint } from '@app/event-store/types';

export const EXIT = {
  /** Done; every check passed. */
  ok: 0,
  /** A check found a problem (verify: broken chain; keys revoke: no such key), or the work failed. */
  problem: 1,
  /** Usage: unknown command or option, bad option value, missing argument. */
  usage: 2,
} as const;

/** `--limit`: a whole number of at least 1 (commander prefixes the option and the value). */
export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return n;
}

/** `--after`: a feed checkpoint as printed after "next --after". */
export function checkpoint(value: string): FeedCheckpoint {
  try {
    return parseCheckpoint(value);
  } catch {
    throw new InvalidArgumentError('Expected <transactionId>:<globalPosition>, e.g. 1234:56.');
  }
}

/** `--name`: trimmed, and not blank. */
export function nonBlank(value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new InvalidArgumentError('Must not be blank.');
  return trimmed;
}

/** `--known-at`: an ISO 8601 date-time with a time zone, as a UTC ISO instant. */
export function dateTime(value: string): string {
  try {
    return instant(value.trim(), 'value');
  } catch {
    throw new InvalidArgumentError(
      'Expected an ISO 8601 date-time with a time zone, e.g. 2024-07-11T12:00:00Z.',
    );
  }
}

/** `--as-of`, `--from`, `--to`: a calendar date that exists. */
export function calendarDate(value: string): string {
  try {
    return isoDate(value.trim(), 'value');
  } catch {
    throw new InvalidArgumentError('Expected a real date YYYY-MM-DD, e.g. 2024-07-11.');
  }
}
