import type { Response } from 'express';
import { NotFoundException } from '@nestjs/common';
import type { RecordedEvent } from '@app/event-store';

/** ETag = the stream version: send it back in If-Match to change the record. */
export function withVersion<T extends object>(
  response: Response,
  version: number,
  body: T,
): T & { version: number } {
  response.setHeader('ETag', `"${version}"`);
  return { ...body, version };
}

export function created<T extends object>(
  response: Response,
  location: string,
  version: number,
  body: T,
): T & { version: number } {
  response.status(201).setHeader('Location', location);
  return withVersion(response, version, body);
}

export function requireFound(version: number, what: string): void {
  if (version === 0) throw new NotFoundException(`${what} not found`);
}

/** A record's history as the API shows it. */
export function history(events: RecordedEvent[]) {
  return events.map((event) => ({
    eventId: event.eventId,
    type: event.type,
    version: event.streamPosition,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: event.metadata,
  }));
}
