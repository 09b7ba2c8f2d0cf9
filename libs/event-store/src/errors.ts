import type { ExpectedVersion } from './types';

/** The stream was not at the version the caller expected: someone else wrote first. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused; 0 = the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
    this.name = 'ConcurrencyError';
  }
}

/** An event id is already stored, but not as this exact retry (other stream or only part of the batch). */
export class DuplicateEventIdError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: string[],
  ) {
    super(
      `Event id(s) ${eventIds.join(', ')} already stored elsewhere; not a retry of this append to ${streamId}`,
    );
    this.name = 'DuplicateEventIdError';
  }
}

/** The caller passed something the store can't take (bad id, empty batch, ...). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/** Streams the append required (the records a command refers to) are not on record. */
export class MissingStreamsError extends Error {
  constructor(readonly streamIds: string[]) {
    super(`Not on record: ${streamIds.join(', ')}`);
    this.name = 'MissingStreamsError';
  }
}
