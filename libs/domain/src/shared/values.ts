/**
 * Value checks shared by the aggregates. Each returns the normalised value or throws an
 * `invalid` DomainError naming the field, so commands are validated in one place.
 */
import { invalid } from '../decider';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UTF-16 half without its other half: not a character, and invalid once sent as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Control characters other than newline and tab have no place in names, quotes or searches.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Refuses text that is not well-formed Unicode or carries control characters. */
export function plainText(value: string, field: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw invalid(field, `${field} contains an unpaired surrogate (not well-formed Unicode)`);
  }
  if (CONTROL.test(value)) throw invalid(field, `${field} contains control characters`);
  return value;
}

export function text(value: unknown, field: string, max = 500): string {
  if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0) throw invalid(field, `${field} must not be empty`);
  if (trimmed.length > max) throw invalid(field, `${field} must be at most ${max} characters`);
  return plainText(trimmed, field);
}

export function optionalText(value: unknown, field: string, max = 500): string | null {
  return value === undefined || value === null ? null : text(value, field, max);
}

export function slug(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 100 || !SLUG.test(value)) {
    throw invalid(
      field,
      `${field} must be a slug of lowercase letters, digits and single hyphens (max 100)`,
    );
  }
  return value;
}

export function uuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value))
    throw invalid(field, `${field} must be a UUID`);
  return value.toLowerCase();
}

/**
 * The one rule for calendar dates everywhere (commands, query parameters, projections): the
 * proleptic Gregorian calendar from 0001-01-01 to 9999-12-31, which both JavaScript and
 * PostgreSQL hold exactly. Year 0000 does not exist in PostgreSQL's `date`, so accepting it
 * would store a fact no read model can show.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;
/** Real zones lie within UTC-12:00 and UTC+14:00; we allow ±14:00 either way. */
const MAX_OFFSET_MINUTES = 14 * 60;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `value` is YYYY-MM-DD naming a real day between 0001-01-01 and 9999-12-31. */
export function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A calendar date YYYY-MM-DD that exists (0001-01-01 … 9999-12-31). */
export function isoDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DATE.test(value)) {
    throw invalid(field, `${field} must be a date YYYY-MM-DD`);
  }
  if (!isRealDate(value)) {
    throw invalid(field, `${field} is not a real calendar date between 0001-01-01 and 9999-12-31`);
  }
  return value;
}

export function optionalIsoDate(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : isoDate(value, field);
}

/**
 * An instant with a time zone, e.g. 2024-07-11T09:30:00Z, returned in canonical UTC ISO form.
 * Its calendar part follows the date rule above, the clock is 00:00:00 to 23:59:59, the offset
 * at most ±14:00, and the instant in UTC must still fall within 0001 … 9999.
 */
export function instant(value: unknown, field: string): string {
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  if (!match) throw invalid(field, `${field} must be an ISO 8601 date-time with a time zone`);
  const [, day, hour, minute, second = '00', , zone, , offsetHours, offsetMinutes] = match;
  const offset = zone === 'Z' ? 0 : Number(offsetHours) * 60 + Number(offsetMinutes);
  const real =
    isRealDate(day) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    (zone === 'Z' || (Number(offsetMinutes) <= 59 && offset <= MAX_OFFSET_MINUTES));
  const time = real ? new Date(value as string) : null;
  if (!time || Number.isNaN(time.getTime())) {
    throw invalid(field, `${field} is not a real date-time (0001 … 9999, offset within ±14:00)`);
  }
  const year = time.getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw invalid(field, `${field} falls outside 0001-01-01 … 9999-12-31 in UTC`);
  }
  return time.toISOString();
}

export function optionalInstant(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : instant(value, field);
}

/**
 * A JSON object with only the named members: anything else is refused, naming it
 * (`${field}.${member}`), so a misspelt nested field is never dropped in silence.
 */
export function fields<K extends string>(
  value: unknown,
  field: string,
  allowed: readonly K[],
): Partial<Record<K, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(field, `${field} must be an object {${allowed.join(', ')}}`);
  const unknown = Object.keys(value).find((key) => !(allowed as readonly string[]).includes(key));
  if (unknown !== undefined) {
    const name = `${field}.${unknown.slice(0, 100)}`;
    throw invalid(name, `unknown field ${name} (allowed: ${allowed.join(', ')})`);
  }
  return value as Partial<Record<K, unknown>>;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw invalid(field, `${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function list<T>(
  value: unknown,
  field: string,
  max: number,
  item: (v: unknown, f: string) => T,
): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(field, `${field} must be a list`);
  if (value.length > max) throw invalid(field, `${field} takes at most ${max} items`);
  return value.map((v, i) => item(v, `${field}[${i}]`));
}

/** Items that must be distinct (case-insensitively for strings). */
export function distinct<T>(items: T[], field: string, key: (t: T) => string = String): T[] {
  const seen = new Set<string>();
  items.forEach((entry, i) => {
    const k = key(entry).toLocaleLowerCase('en');
    if (seen.has(k)) throw invalid(`${field}[${i}]`, `${field} lists "${key(entry)}" twice`);
    seen.add(k);
  });
  return items;
}

export function number(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(field, `${field} must be a number from ${min} to ${max}`);
  }
  return value;
}

export function integer(value: unknown, field: string, min: number, max: number): number {
  if (!Number.isInteger(value)) throw invalid(field, `${field} must be an integer`);
  return number(value, field, min, max);
}
