import { toCsv } from './format';

/** Saves what a view shows as CSV or JSON (built in the browser: nothing leaves it). */
export function download(name: string, format: 'csv' | 'json', rows: Record<string, unknown>[]) {
  const text = format === 'csv' ? toCsv(rows) : JSON.stringify(rows, null, 2);
  const blob = new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${name}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
