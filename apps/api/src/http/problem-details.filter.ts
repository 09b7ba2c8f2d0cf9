import { STATUS_CODES } from 'node:http';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '@app/domain';
import { ConcurrencyError, DuplicateEventIdError, InvalidAppendError } from '@app/event-store';

/** RFC 9457 problem details for every error; domain errors map to their status here, once. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    if (problem.status === 503) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    // The path only: a query string may carry what must not be echoed (an api_key=…, say).
    problem.instance = request.path;
    if (typeof problem.detail === 'string' && request.originalUrl !== request.path)
      problem.detail = problem.detail.split(request.originalUrl).join(request.path);
    if (problem.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    const recorded = recordProblem(exception);
    if (recorded) return recorded;
    // Nest turns body-parser's SyntaxError into a bare 400; the body text says where it broke.
    const rawJson = (request as { [RAW_JSON]?: string })[RAW_JSON];
    if (
      exception instanceof HttpException &&
      exception.getStatus() === 400 &&
      rawJson !== undefined &&
      /JSON/.test(exception.message) &&
      !isJson(rawJson)
    )
      return malformedJson({ message: exception.message, body: rawJson });
    if (exception instanceof HttpException) return httpProblem(exception);
    if (unstorableText(exception)) {
      return {
        type: 'urn:statement-tracker:problem:unstorable-text',
        title: 'Invalid input',
        status: 400,
        detail:
          'a value holds a character the database cannot store (such as NUL, U+0000); nothing was written',
      };
    }
    if (databaseUnavailable(exception)) {
      return {
        type: 'urn:statement-tracker:problem:database-busy',
        title: 'Service Unavailable',
        status: 503,
        detail: `the database is saturated or unreachable; nothing was written — retry in ${RETRY_AFTER_SECONDS}s`,
      };
    }
    // Errors from body-parser (malformed JSON, too large) carry their own 4xx status.
    const parserError = exception as {
      status?: unknown;
      type?: unknown;
      message?: unknown;
      field?: unknown;
    } | null;
    // (http-errors marks a 4xx it made as `expose`; some of body-parser's carry no type.)
    if (
      typeof parserError?.status === 'number' &&
      parserError.status >= 400 &&
      parserError.status < 500 &&
      (typeof parserError.type === 'string' ||
        (parserError as { expose?: unknown }).expose === true)
    ) {
      if (parserError.type === 'entity.parse.failed') return malformedJson(parserError);
      return {
        type: 'about:blank',
        title: STATUS_CODES[parserError.status] ?? 'Bad Request',
        status: parserError.status,
        detail: String(parserError.message),
        ...(typeof parserError.field === 'string' ? { field: parserError.field } : {}),
      };
    }
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred',
    };
  }
}

/** Refusals of the record: domain rules, stale versions, duplicate ids, rejected appends. */
function recordProblem(exception: unknown): ProblemDetails | null {
  if (exception instanceof DomainError) {
    return domainProblem(
      exception.code,
      DOMAIN_TITLES[exception.category],
      DOMAIN_STATUS[exception.category],
      exception,
      {
        code: exception.code,
        ...(exception.field ? { field: exception.field } : {}),
      },
    );
  }
  if (exception instanceof ConcurrencyError) {
    return domainProblem(
      'concurrency-conflict',
      'The stream changed since you read it',
      HttpStatus.CONFLICT,
      exception,
      {
        streamId: exception.streamId,
        currentVersion: exception.actual,
      },
    );
  }
  if (exception instanceof DuplicateEventIdError) {
    return domainProblem(
      'duplicate-event-id',
      'Event id already used',
      HttpStatus.CONFLICT,
      exception,
    );
  }
  if (exception instanceof InvalidAppendError) {
    return domainProblem('invalid-event', 'Invalid event', HttpStatus.BAD_REQUEST, exception);
  }
  return null;
}

/** Nest's HTTP exceptions (ours and the framework's), with the members the thrower chose. */
function httpProblem(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const body = exception.getResponse();
  const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  // Extension members the thrower chose (field, created, …); Nest's own are not repeated.
  const extensions =
    typeof body === 'object' && body !== null
      ? Object.fromEntries(
          Object.entries(body).filter(
            ([name]) =>
              ![
                'message',
                'error',
                'statusCode',
                'type',
                'title',
                'status',
                'detail',
                'instance',
              ].includes(name),
          ),
        )
      : {};
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: Array.isArray(detail) ? detail.join('; ') : String(detail ?? exception.message),
    ...extensions,
  };
}

const RETRY_AFTER_SECONDS = 2;

/** Where the JSON body parser leaves the request's text (see bootstrap.ts). */
export const RAW_JSON = Symbol('raw JSON body');

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a body stops being JSON: the offset the parser names (the end of the body when it ran
 * out), as position, line and column, so the client can find it.
 */
export function malformedJson(error: { message?: unknown; body?: unknown }): ProblemDetails {
  const body = typeof error.body === 'string' ? error.body : '';
  const named = /position (\d+)/.exec(String(error.message ?? ''));
  const position = Math.min(named ? Number(named[1]) : body.length, body.length);
  const before = body.slice(0, position).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return {
    type: 'urn:statement-tracker:problem:malformed-json',
    title: 'Bad Request',
    status: 400,
    detail: `the request body is not valid JSON: ${
      position >= body.length ? 'it ends too early' : `unexpected input`
    } at position ${position} (line ${line}, column ${column}); nothing was written`,
    position,
    line,
    column,
  };
}

/** SQLSTATE classes and codes that mean "not now", not "wrong": too many connections, shutting down, … */
const UNAVAILABLE_CODES = new Set([
  '53300',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect', // pg-pool: every connection busy
  'Connection terminated',
  'connect ECONNREFUSED',
  'Connection terminated due to connection timeout',
];

/**
 * True when PostgreSQL refused a text value it cannot hold (NUL, invalid byte sequences:
 * SQLSTATE 22021, 22P05). Input checks refuse these first; this keeps any path they miss a 400.
 */
export function unstorableText(exception: unknown): boolean {
  for (const error of [exception, (exception as { driverError?: unknown } | null)?.driverError]) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === '22021' || code === '22P05') return true;
  }
  return false;
}

/** True when the error says the database cannot serve now (pool saturated, down, starting). */
export function databaseUnavailable(exception: unknown): boolean {
  for (const error of [exception, (exception as { driverError?: unknown } | null)?.driverError]) {
    if (!(error instanceof Error)) continue;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (UNAVAILABLE_MESSAGES.some((text) => error.message.includes(text))) return true;
  }
  return false;
}

function domainProblem(
  slug: string,
  title: string,
  status: HttpStatus,
  error: Error,
  extensions: Record<string, unknown> = {},
): ProblemDetails {
  return {
    type: `urn:statement-tracker:problem:${slug}`,
    title,
    status,
    detail: error.message,
    ...extensions,
  };
}

const DOMAIN_STATUS: Record<DomainError['category'], HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};
const DOMAIN_TITLES: Record<DomainError['category'], string> = {
  invalid: 'Invalid input',
  'not-found': 'Not found',
  conflict: 'Conflicts with the record',
  rule: 'Breaks a rule of the record',
};
