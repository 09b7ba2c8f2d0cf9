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
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl;
    if (problem.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
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
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail ?? exception.message),
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
