import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { instant, invalid, isoDate, oneOf } from '@app/domain';
import { StatementExportFilter, StatementExportQueries } from '@app/projections';
import { EXPORT_FORMATS, exportFilename, ExportFormatter, FORMATTERS } from './export-formats';
import {
  ExportPage,
  ExportRequest,
  ExportStatementsQuery,
  StatementExport,
} from './export-statements.query';

/**
 * Checks the request (a refusal names the parameter) and fixes the instant the export stands
 * at; the statements are read only while the caller iterates the pages, one page at a time.
 */
@QueryHandler(ExportStatementsQuery)
export class ExportStatementsHandler implements IQueryHandler<ExportStatementsQuery> {
  constructor(
    @Inject(StatementExportQueries) private readonly statements: StatementExportQueries,
  ) {}

  async execute({ request, pageSize }: ExportStatementsQuery): Promise<StatementExport> {
    const format = oneOf(request.format, EXPORT_FORMATS, 'format');
    const filter = await this.filterOf(request);
    const formatter = FORMATTERS[format];
    const statements = this.statements;
    return {
      format,
      mediaType: formatter.mediaType,
      filename: exportFilename(format, filter.knownAt),
      filter,
      estimate: () => statements.estimate(filter),
      pages: () => readPages(statements, filter, formatter, pageSize),
    };
  }

  private async filterOf(request: ExportRequest): Promise<StatementExportFilter> {
    const date = (name: 'asOf' | 'from' | 'to') =>
      request[name] === undefined ? {} : { [name]: isoDate(request[name], name) };
    const filter: StatementExportFilter = {
      // Default: now by the database's clock, the one that stamps events when they are recorded.
      knownAt:
        request.knownAt === undefined
          ? await this.statements.now()
          : instant(request.knownAt, 'knownAt'),
      ...date('asOf'),
      ...date('from'),
      ...date('to'),
    };
    if (filter.from && filter.to && filter.from > filter.to)
      throw invalid('from', 'from must not be after to');
    return filter;
  }
}

async function* readPages(
  statements: StatementExportQueries,
  filter: StatementExportFilter,
  formatter: ExportFormatter,
  pageSize: number,
): AsyncGenerator<ExportPage> {
  let after: string | null = null;
  let header = formatter.header;
  for (;;) {
    const page = await statements.page(filter, after, pageSize);
    const text = header + page.map((statement) => formatter.line(statement)).join('');
    header = '';
    if (text !== '') yield { text, statements: page.length };
    if (page.length < pageSize) return;
    after = page[page.length - 1].statementId;
  }
}
