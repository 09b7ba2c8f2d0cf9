import { randomUUID } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import { EventMetadata } from '@app/event-store';

/** Who and why, for every event a request writes: correlation from the caller, causation = this request. */
export function eventMetadata(request: Request): EventMetadata {
  const correlation = request.header('x-correlation-id');
  const correlationId =
    correlation && /^[\w.:-]{1,100}$/.test(correlation) ? correlation : randomUUID();
  const keyId = (request as Request & { apiKey?: { keyId: string } }).apiKey?.keyId;
  const user = keyId ? `key:${keyId}` : 'anonymous';
  return { userId: user, correlationId, causationId: `request:${randomUUID()}` };
}

/** If-Match: "<version>" (or a bare number); undefined when absent. */
export function ifMatch(request: Request): number | undefined {
  const header = request.header('if-match');
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match)
    throw new BadRequestException('If-Match must be the stream version in quotes, as in ETag: "3"');
  return Number(match[1]);
}

/** A JSON object body with only the allowed top-level fields. */
export function bodyOf(request: Request, allowed: readonly string[]): Record<string, unknown> {
  const body = request.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestException('the request body must be a JSON object');
  }
  const unknownField = Object.keys(body).find((key) => !allowed.includes(key));
  if (unknownField !== undefined) {
    throw new BadRequestException({
      message: `unknown field "${unknownField.slice(0, 100)}"`,
      field: unknownField.slice(0, 100),
    });
  }
  return body as Record<string, unknown>;
}
