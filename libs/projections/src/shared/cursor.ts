/** Page cursors: opaque to clients, checked when they come back. */
import { instant, isRealDate } from '@app/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A cursor the API did not hand out (or one tampered with). */
export class BadCursorError extends Error {}

/** The sort key of the last item of a page → the cursor of the next page. */
export function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** A timeline cursor back into its sort key: [said date, statement id]. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(parts) &&
      parts.length === 2 &&
      typeof parts[0] === 'string' &&
      isRealDate(parts[0]) &&
      typeof parts[1] === 'string' &&
      UUID.test(parts[1])
    )
      return [parts[0], parts[1]];
  } catch {
    // fall through
  }
  throw new BadCursorError('cursor is not one this API returned');
}

/** A cursor back into its parts, each checked (a failed check: the API did not hand it out). */
export function decodeParts(cursor: string, checks: Array<(part: unknown) => boolean>): unknown[] {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (
      Array.isArray(parts) &&
      parts.length === checks.length &&
      checks.every((check, i) => check(parts[i]))
    )
      return parts;
  } catch {
    // fall through
  }
  throw new BadCursorError('cursor is not one this API returned');
}

export const isText = (part: unknown): part is string =>
  typeof part === 'string' && part.length <= 500;
export const isNumber = (part: unknown): part is number =>
  typeof part === 'number' && Number.isFinite(part);
export const isUuid = (part: unknown): part is string =>
  typeof part === 'string' && UUID.test(part);
export const isDate = (part: unknown): part is string =>
  typeof part === 'string' && isRealDate(part);
/** A UTC instant the API wrote (or null for "none"): checked so PostgreSQL never sees year 0. */
export const isInstantOrNone = (part: unknown): part is string | null => {
  if (part === null) return true;
  if (typeof part !== 'string') return false;
  try {
    instant(part, 'cursor');
    return true;
  } catch {
    return false;
  }
};
