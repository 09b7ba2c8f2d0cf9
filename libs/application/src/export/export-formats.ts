/** The export formats: how each names its file, labels its body and writes a statement. */
import type { ExportedStatement } from '@app/projections';
import { CSV_HEADER, csvRow } from './csv';
import { ploverLine } from './plover';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'plover'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatter {
  /** The Content-Type of the body. */
  mediaType: string;
  /** How the file name ends. */
  extension: string;
  /** Written once, before the first statement. */
  header: string;
  line(statement: ExportedStatement): string;
}

/** jsonl: the exported statement as it is, one JSON object per line. */
export const jsonLine = (statement: ExportedStatement) => `${JSON.stringify(statement)}\n`;

export const FORMATTERS: Record<ExportFormat, ExportFormatter> = {
  jsonl: { mediaType: 'application/x-ndjson', extension: 'jsonl', header: '', line: jsonLine },
  csv: { mediaType: 'text/csv; charset=utf-8', extension: 'csv', header: CSV_HEADER, line: csvRow },
  plover: {
    mediaType: 'application/x-ndjson',
    extension: 'plover.jsonl',
    header: '',
    line: ploverLine,
  },
};

/** "statements-20240711T120000Z.csv": the format and the instant the export stands at. */
export function exportFilename(format: ExportFormat, knownAt: string): string {
  const stamp = new Date(knownAt).toISOString().slice(0, 19).replace(/[-:]/g, '');
  return `statements-${stamp}Z.${FORMATTERS[format].extension}`;
}
