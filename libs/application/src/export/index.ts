// Auditors' exports: statements as known at an instant, as JSON lines, GDELT-style CSV or PLOVER.
import { ExportStatementsHandler } from './export-statements.handler';
export * from './export-statements.query';
export * from './export-formats';
export * from './export.schemas';
export { CSV_COLUMNS } from './csv';
export { PLOVER_BY_KIND, PLOVER_CODEBOOK } from './plover';

export const EXPORT_HANDLERS = [ExportStatementsHandler];
