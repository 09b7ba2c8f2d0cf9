import { randomUUID } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import type { WriteContext } from '@app/application';
import { EventMetadata } from '@app/event-store';
import { QueryParams } from './query-params';

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

/** Who writes, for a command that creates or reviews (If-Match plays no part). */
export function writeContext(request: Request): WriteContext {
  return { metadata: eventMetadata(request) };
}

/** Who writes and the version they last read (If-Match), for a command that changes a record. */
export function changeContext(request: Request): WriteContext {
  return { metadata: eventMetadata(request), ifMatch: ifMatch(request) };
}

/** `?knownAt=` of a GET by id (the record as it stood then); any other parameter is a 400. */
export function knownAtOf(request: Request): Date | undefined {
  const knownAt = new QueryParams(request, ['knownAt']).time().knownAt;
  return knownAt === undefined ? undefined : new Date(knownAt);
}
