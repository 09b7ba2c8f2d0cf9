import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Decider, DomainEvent, foldEvents } from '@app/domain';
import {
  ConcurrencyError,
  EventMetadata,
  PostgresEventStore,
  RecordedEvent,
} from '@app/event-store';

export interface RunCommand<C, S, E extends DomainEvent> {
  streamId: string;
  decider: Decider<C, S, E>;
  command: C;
  /** The stream version the client last saw (If-Match); a mismatch is a 409. */
  ifMatch?: number;
  metadata: EventMetadata;
  /** Run inside this transaction (commands touching several streams share one). */
  manager?: EntityManager;
  /**
   * The stream is new by construction (its id was just generated): skip reading it and append
   * with 'no-stream' (a stream that exists after all is still a ConcurrencyError).
   */
  newStream?: boolean;
  /**
   * Streams that must exist (the records the command refers to), checked by the append itself.
   * With `newStream` and no `manager`, the append is the whole command: it runs as one
   * statement, atomic without a transaction around it (no BEGIN/COMMIT round trips).
   */
  requireStreams?: string[];
}

export interface CommandResult<S> {
  streamId: string;
  version: number;
  state: S;
  eventIds: string[];
}

/** Runs work in a transaction (the api joins the request's unit of work; the CLI opens one). */
export type Transactional = <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;

/**
 * The one command path: load the stream, fold, decide, append with the loaded version as the
 * expected version — all in one transaction. A concurrent writer in between is a ConcurrencyError.
 */
export class CommandRunner {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly transaction: Transactional,
  ) {}

  run<C, S, E extends DomainEvent>(request: RunCommand<C, S, E>): Promise<CommandResult<S>> {
    if (request.manager) return this.runIn(request.manager, request);
    if (request.newStream && request.requireStreams) return this.runIn(undefined, request);
    return this.transaction((manager) => this.runIn(manager, request));
  }

  /**
   * Fold a stream into state (version 0 when it does not exist); with `knownAt`, only the
   * events recorded by then (the record as it stood at that moment).
   */
  async load<S, E extends DomainEvent>(
    streamId: string,
    decider: Pick<Decider<unknown, S, E>, 'evolve' | 'initialState'>,
    manager?: EntityManager,
    knownAt?: Date,
  ): Promise<{ state: S; version: number; events: RecordedEvent[] }> {
    const stored = await this.store.readStream(streamId, { manager });
    const events = knownAt ? stored.filter((e) => e.recordedAt <= knownAt) : stored;
    const state = foldEvents(decider, events.map(toDomainEvent) as E[]);
    return {
      state,
      version: events.length === 0 ? 0 : events[events.length - 1].streamPosition,
      events,
    };
  }

  private async runIn<C, S, E extends DomainEvent>(
    manager: EntityManager | undefined,
    request: RunCommand<C, S, E>,
  ): Promise<CommandResult<S>> {
    const { state, version } = request.newStream
      ? { state: request.decider.initialState(), version: 0 }
      : await this.load(request.streamId, request.decider, manager);
    if (request.ifMatch !== undefined && request.ifMatch !== version) {
      throw new ConcurrencyError(request.streamId, request.ifMatch, version);
    }
    const decided = request.decider.decide(request.command, state);
    const newEvents = decided.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: event.data,
      metadata: request.metadata,
    }));
    const result = await this.store.append(
      request.streamId,
      version === 0 ? 'no-stream' : version,
      newEvents,
      { manager, requireStreams: request.requireStreams },
    );
    return {
      streamId: request.streamId,
      version: result.nextExpectedVersion,
      state: decided.reduce(request.decider.evolve, state),
      eventIds: result.events.map((e) => e.eventId),
    };
  }
}

export function toDomainEvent(event: RecordedEvent): DomainEvent {
  return { type: event.type, data: event.data, schemaVersion: event.schemaVersion };
}
