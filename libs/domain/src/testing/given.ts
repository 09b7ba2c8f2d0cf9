/** Given/when/then for deciders: `given(decider, past).when(command)` → the new events or the error. */
import { Decider, DomainError, DomainEvent, foldEvents } from '../decider';

export function given<C, S, E extends DomainEvent>(decider: Decider<C, S, E>, past: E[] = []) {
  const state = foldEvents(decider, past);
  return {
    state,
    when(command: C) {
      return {
        then: (): E[] => decider.decide(command, state),
        thenError: (): DomainError => {
          try {
            decider.decide(command, state);
          } catch (error) {
            if (error instanceof DomainError) return error;
            throw error;
          }
          throw new Error(`expected ${JSON.stringify(command)} to be refused`);
        },
      };
    },
  };
}
