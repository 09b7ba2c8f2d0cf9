import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Logger, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  EXPORT_FORMATS,
  ExportPage,
  ExportQueryString,
  ExportStatementsQuery,
  StatementExportSchema,
} from '@app/application';
import { Access } from '../access/access.decorator';
import { Reads, Responds } from '../http/openapi';
import { paramsOf } from '../http/query-params';

/** Auditors: every statement as known at an instant, streamed as JSON lines, CSV or PLOVER. */
@ApiTags('audit')
@Controller('export')
@Access('audit')
export class ExportController {
  private readonly logger = new Logger('Export');

  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Responds(
    'Every statement as known at knownAt (default now), optionally dated by asOf or within from–to, ' +
      'each with the id and hash of the event that made its version; streamed',
    200,
    StatementExportSchema,
    { mediaType: ['application/x-ndjson', 'text/csv'] },
  )
  @Reads(ExportQueryString)
  async export(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = paramsOf(req, ExportQueryString);
    const exported = await this.queries.execute(
      new ExportStatementsQuery({
        format: query.oneOf('format', EXPORT_FORMATS, 'jsonl')!,
        ...query.time(),
        from: query.date('from'),
        to: query.date('to'),
      }),
    );
    // The first page is read before anything is sent: a failure there is still a problem answer.
    const pages = exported.pages();
    const first = await pages.next();
    res.status(200);
    res.setHeader('Content-Type', exported.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename="${exported.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      // Chunked, a page at a time: pipeline waits for 'drain' when the client reads slowly, and
      // stops reading pages when it goes away.
      await pipeline(Readable.from(texts(first, pages)), res);
    } catch (error) {
      // Headers are gone: the body ends without its last chunk, which the client sees as a cut.
      if (!res.writableFinished && !req.destroyed)
        this.logger.error(`export interrupted: ${(error as Error).message}`);
      res.destroy();
    }
  }
}

async function* texts(
  first: IteratorResult<ExportPage>,
  rest: AsyncGenerator<ExportPage>,
): AsyncGenerator<string> {
  if (first.done) return;
  yield first.value.text;
  for await (const page of rest) yield page.text;
}
