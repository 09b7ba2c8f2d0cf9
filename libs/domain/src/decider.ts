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

/**
 * What went wrong, in domain terms; the API maps each category to one HTTP status.
 * - invalid: a value is malformed (names the field)
 * - not-found: the aggregate or a referenced record does not exist
 * - conflict: the aggregate's state forbids it (already retracted, already registered)
 * - rule: a domain rule is broken (a denial from someone not accused)
 */
export type DomainErrorCategory = 'invalid' | 'not-found' | 'conflict' | 'rule';

export class DomainError extends Error {
  constructor(
    readonly category: DomainErrorCategory,
    readonly code: string,
    message: string,
    /** The input field the error concerns, as a JSON path ("targets[1]"), when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The same error about a nested field ("quote" inside "changes" → "changes.quote"). */
  within(parent: string): DomainError {
    const field = this.field ? `${parent}.${this.field}` : parent;
    return new DomainError(
      this.category,
      this.code,
      this.message.replace(this.field ?? '\u0000', field),
      field,
    );
  }
}

/** Run a check, reporting its errors as errors about a nested field of `parent`. */
export function within<T>(parent: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw error instanceof DomainError ? error.within(parent) : error;
  }
}

export const invalid = (field: string, message: string) =>
  new DomainError('invalid', 'invalid-field', message, field);
export const conflict = (code: string, message: string, field?: string) =>
  new DomainError('conflict', code, message, field);
export const ruleBroken = (code: string, message: string, field?: string) =>
  new DomainError('rule', code, message, field);
export const notFound = (code: string, message: string, field?: string) =>
  new DomainError('not-found', code, message, field);
