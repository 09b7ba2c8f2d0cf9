import { NotFoundException } from '@nestjs/common';
import type { Decider, DomainEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { CommandRunner } from '../command-runner';
import type { Versioned } from './write-context';

/**
 * A record read from its stream, as it stands now or as it stood at `knownAt` (only events
 * recorded by then are folded; the version is the one it had then). Not found is a 404.
 */
export async function readRecord<S, E extends DomainEvent>(
  runner: CommandRunner,
  what: string,
  streamId: string,
  decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>,
  knownAt?: Date,
): Promise<{ state: S; version: number; events: RecordedEvent[] }> {
  const record = await runner.load(streamId, decider, undefined, knownAt);
  if (record.version === 0)
    throw new NotFoundException(
      knownAt ? `${what} not found as of ${knownAt.toISOString()}` : `${what} not found`,
    );
  return record;
}

export async function readView<S, E extends DomainEvent, V>(
  runner: CommandRunner,
  what: string,
  streamId: string,
  decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>,
  view: (state: S) => V,
  knownAt?: Date,
): Promise<Versioned<V>> {
  const { state, version } = await readRecord(runner, what, streamId, decider, knownAt);
  return { version, view: view(state) };
}

export interface HistoryEntry {
  eventId: string;
  type: string;
  version: number;
  recordedAt: Date;
  data: unknown;
  metadata: unknown;
}

/** A record's history as the API shows it. */
export function history(events: RecordedEvent[]): HistoryEntry[] {
  return events.map((event) => ({
    eventId: event.eventId,
    type: event.type,
    version: event.streamPosition,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: event.metadata,
  }));
}
