import { Query } from '@nestjs/cqrs';
import type { StatementExportFilter } from '@app/projections';
import type { ExportFormat } from './export-formats';

/** Statements read and written per page: constant memory, one index range per read. */
export const EXPORT_PAGE_SIZE = 1000;

/** What a caller asks for (unchecked: the handler checks it). */
export interface ExportRequest {
  format: string;
  /** ISO instant; default now. */
  knownAt?: string;
  asOf?: string;
  from?: string;
  to?: string;
}

/** One page of the export as text, and how many statements it holds. */
export interface ExportPage {
  text: string;
  statements: number;
}

/** An export, checked and ready to stream: nothing is read until `pages()` is iterated. */
export interface StatementExport {
  format: ExportFormat;
  /** Content-Type. */
  mediaType: string;
  /** A file name for it (Content-Disposition, or the CLI's default). */
  filename: string;
  /** The filter with knownAt fixed (now, when none was asked for): every page reads one snapshot. */
  filter: StatementExportFilter;
  /** The planner's estimate of the statement count (for progress). */
  estimate(): Promise<number>;
  /** The pages in order; the first carries the header (CSV), even when no statement matches. */
  pages(): AsyncGenerator<ExportPage>;
}

/**
 * Every statement as known at knownAt (optionally dated by asOf, or from–to), in jsonl, csv
 * (GDELT columns) or plover, a page at a time; each version with its event id and hash.
 */
export class ExportStatementsQuery extends Query<StatementExport> {
  constructor(
    readonly request: ExportRequest,
    readonly pageSize = EXPORT_PAGE_SIZE,
  ) {
    super();
  }
}
