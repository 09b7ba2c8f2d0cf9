import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ChangeStreamSchema,
  LiveChanges,
  OpenStreamQuery,
  ReadChangesQuery,
  StreamQueryString,
} from '@app/application';
import type { Change } from '@app/projections';
import { Reads, Responds } from '../http/openapi';
import { paramsOf } from '../http/query-params';

/** Changes written per read; a full page is followed at once by the next. */
const PAGE = 200;
/** A comment line this often keeps proxies from closing a quiet stream (ms). */
const KEEP_ALIVE_MS = 15_000;

/** One server-sent event: its id resumes the stream, its name is the kind of change. */
function frame(change: Change): string {
  const data = { change: change.kind, at: change.at, actorIds: change.actorIds, ...change.data };
  return `id: ${change.id}\nevent: ${change.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Live over HTTP: what the read models just learned, as server-sent events (viewer role). */
@ApiTags('read models')
@Controller()
export class StreamController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(LiveChanges) private readonly live: LiveChanges,
  ) {}

  @Get('stream')
  @Responds(
    'Live changes (server-sent events): statements recorded, corrected, retracted or withdrawn, accusations opened or answered, alerts raised or cleared — optionally of one actor, resumable with Last-Event-ID',
    200,
    ChangeStreamSchema,
    { errors: [300, 404], mediaType: 'text/event-stream' },
  )
  @Reads(StreamQueryString)
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last event received: the stream goes on right after it',
  })
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = paramsOf(req, StreamQueryString);
    const header = req.headers['last-event-id'];
    const timeout = query.integer('timeout', 300, 1, 3600);
    // Refusals (bad id, unknown actor) happen here, before the stream starts: problem+json.
    const opened = await this.queries.execute(
      new OpenStreamQuery({
        actorId: query.text('actorId', 200),
        lastEventId:
          typeof header === 'string' && header !== '' ? header : query.text('lastEventId', 50),
      }),
    );
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    if (opened.actorId) res.setHeader('Content-Location', `/actors/${opened.actorId}`);
    res.flushHeaders();
    res.write(`retry: 1000\n: following ${opened.actorId ?? 'every actor'}\n\n`);

    let open = true;
    let wake: (() => void) | null = null;
    const rouse = () => wake?.();
    req.on('close', () => {
      open = false;
      rouse();
    });
    const unlisten = this.live.listen(rouse);
    const deadline = Date.now() + timeout * 1000;
    let after = opened.after;
    let lastWrite = Date.now();
    try {
      while (open && !this.live.closed && Date.now() < deadline) {
        const { changes, through } = await this.queries.execute(
          new ReadChangesQuery(after, opened.actorIds, PAGE),
        );
        for (const change of changes) res.write(frame(change));
        after = through;
        if (changes.length > 0) lastWrite = Date.now();
        if (changes.length === PAGE) continue;
        if (Date.now() - lastWrite >= KEEP_ALIVE_MS) {
          res.write(': keep-alive\n\n');
          lastWrite = Date.now();
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(1000, Math.max(0, deadline - Date.now())));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } catch (error) {
      // Headers are gone: say so on the stream; the client reconnects with Last-Event-ID.
      if (open)
        res.write(
          `event: error\ndata: ${JSON.stringify({ detail: 'stream interrupted; reconnect' })}\n\n`,
        );
      void error;
    } finally {
      unlisten();
      res.end();
    }
  }
}
