/**
 * Value checks shared by the aggregates. Each returns the normalised value or throws an
 * `invalid` DomainError naming the field, so commands are validated in one place.
 */
import { invalid } from '../decider';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function text(value: unknown, field: string, max = 500): string {
  if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0) throw invalid(field, `${field} must not be empty`);
  if (trimmed.length > max) throw invalid(field, `${field} must be at most ${max} characters`);
  // Control characters other than newline and tab have no place in names or quotes.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) {
    throw invalid(field, `${field} contains control characters`);
  }
  return trimmed;
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

/** A calendar date YYYY-MM-DD that exists. */
export function isoDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw invalid(field, `${field} must be a date YYYY-MM-DD`);
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw invalid(field, `${field} is not a real calendar date`);
  }
  return value;
}

export function optionalIsoDate(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : isoDate(value, field);
}

/** An instant with a time zone, e.g. 2024-07-11T09:30:00Z; returned in canonical ISO form. */
export function instant(value: unknown, field: string): string {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    throw invalid(field, `${field} must be an ISO 8601 date-time with a time zone`);
  }
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw invalid(field, `${field} is not a real date-time`);
  return time.toISOString();
}

export function optionalInstant(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : instant(value, field);
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
