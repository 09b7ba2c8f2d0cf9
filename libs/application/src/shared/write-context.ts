import type { EventMetadata } from '@app/event-store';

/** What every write carries from its caller: who and why, and the version they last read. */
export interface WriteContext {
  metadata: EventMetadata;
  /** The stream version the caller last saw (If-Match); a mismatch is a 409. */
  ifMatch?: number;
}

/** A record after a command or a read: its current version and how the API shows it. */
export interface Versioned<View> {
  version: number;
  view: View;
}
