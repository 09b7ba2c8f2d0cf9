// Formatting and export helpers shared by the views (pure: unit-tested without a browser).

export const STANCE_COLOURS: Record<string, string> = { supports: '#1a7f37', opposes: '#b42318' };
export const STATUS_COLOURS: Record<string, string> = {
  open: '#6941c6',
  denied: '#b42318',
  acknowledged: '#1a7f37',
  withdrawn: '#667085',
};

export function dateText(value: string | null | undefined): string {
  if (!value) return 'undated';
  return value.length > 10 ? value.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : value;
}

/** RFC 4180 CSV: every field quoted when it must be, CRLF line ends. */
export function toCsv(rows: Record<string, unknown>[], columns?: string[]): string {
  const names = columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [names.map(cell).join(','), ...rows.map((row) => names.map((n) => cell(row[n])).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');
}

/** ISO date of the end of a week or month bucket starting on `bucket`. */
export function bucketEnd(bucket: string, granularity: 'week' | 'month'): string {
  const start = new Date(`${bucket}T00:00:00Z`);
  const end =
    granularity === 'week'
      ? new Date(start.getTime() + 6 * 86_400_000)
      : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
  return end.toISOString().slice(0, 10);
}

const DAY = 86_400_000;

/** A time axis in whole days, padded so that one date or a short span is not drawn in hours. */
export function dayAxis(name: string) {
  return {
    type: 'time',
    name,
    minInterval: DAY,
    min: (range: { min: number; max: number }) =>
      range.min - Math.max(15 * DAY, (range.max - range.min) * 0.03),
    max: (range: { min: number; max: number }) =>
      range.max + Math.max(15 * DAY, (range.max - range.min) * 0.03),
    axisLabel: { hideOverlap: true, formatter: '{yyyy}-{MM}-{dd}' },
  };
}
