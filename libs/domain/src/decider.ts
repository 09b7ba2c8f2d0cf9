/**
 * The shape every aggregate follows (Emmett style): two pure functions and an initial state.
 * Time and ids arrive inside commands; nothing here reads a clock, a database or the network.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  /** Bumped when the shape of `data` changes; old shapes are upcast on read, never rewritten. */
  readonly schemaVersion?: number;
}

export interface Decider<Command, State, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Rebuild state by folding past events over the initial state. */
export function foldEvents<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** A rule of the domain was broken; the API maps these to 4xx problem details. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The input field the rule concerns, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
