/**
 * The two times every query answers for: `asOf` (valid time — what had been said by that date)
 * and `knownAt` (transaction time — what the record held at that moment).
 */
export interface TimeFilter {
  /** ISO date YYYY-MM-DD: only statements said on or before it (undated ones drop out). */
  asOf?: string;
  /** ISO timestamp: the record as it stood then (later corrections, retractions unseen). */
  knownAt?: string;
}

/** Collects positional parameters: `p.add(value)` returns "$n". */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The rows of a versioned table visible at knownAt (or the current ones). */
export function visibleAt(alias: string, time: TimeFilter, params: Params): string {
  if (!time.knownAt) return `${alias}.known_to IS NULL`;
  const k = params.add(time.knownAt);
  return `${alias}.known_from <= ${k}::timestamptz AND (${alias}.known_to IS NULL OR ${alias}.known_to > ${k}::timestamptz)`;
}

/** Rows of an append-only table (known_from only) visible at knownAt. */
export function recordedBy(alias: string, time: TimeFilter, params: Params): string {
  if (!time.knownAt) return 'true';
  return `${alias}.known_from <= ${params.add(time.knownAt)}::timestamptz`;
}

/** dated_on within asOf. */
export function saidBy(alias: string, time: TimeFilter, params: Params): string {
  if (!time.asOf) return 'true';
  return `${alias}.dated_on <= ${params.add(time.asOf)}::date`;
}

/**
 * Still standing: not withdrawn from the record, and not retracted by the actor (as of asOf, a
 * retraction dated later has not happened yet).
 */
export function standing(alias: string, time: TimeFilter, params: Params): string {
  const retracted = time.asOf
    ? `(${alias}.retracted_on IS NULL OR ${alias}.retracted_on > ${params.add(time.asOf)}::date)`
    : `${alias}.retracted_on IS NULL`;
  return `${alias}.status <> 'withdrawn' AND ${retracted}`;
}
