import { Decider, DomainError, DomainEvent, foldEvents } from './decider';

// A tiny decider exercising the contract: a counter of recorded statements that refuses retraction twice.
type Event = DomainEvent<'Recorded', { id: string }> | DomainEvent<'Retracted', { id: string }>;
type Command = { type: 'Retract'; id: string };
type State = { recorded: Set<string>; retracted: Set<string> };

const decider: Decider<Command, State, Event> = {
  initialState: () => ({ recorded: new Set(), retracted: new Set() }),
  evolve: (state, event) =>
    event.type === 'Recorded'
      ? { ...state, recorded: new Set([...state.recorded, event.data.id]) }
      : { ...state, retracted: new Set([...state.retracted, event.data.id]) },
  decide: (command, state) => {
    if (!state.recorded.has(command.id))
      throw new DomainError('not-found', 'not-found', 'no such statement', 'id');
    if (state.retracted.has(command.id))
      throw new DomainError('conflict', 'already-retracted', 'already retracted', 'id');
    return [{ type: 'Retracted', data: { id: command.id } }];
  },
};

describe('foldEvents', () => {
  it('given past events, folds them in order into state', () => {
    const state = foldEvents(decider, [
      { type: 'Recorded', data: { id: 's1' } },
      { type: 'Recorded', data: { id: 's2' } },
      { type: 'Retracted', data: { id: 's1' } },
    ]);
    expect([...state.recorded]).toEqual(['s1', 's2']);
    expect([...state.retracted]).toEqual(['s1']);
  });

  it('given no events, yields the initial state', () => {
    expect(foldEvents(decider, [])).toEqual({ recorded: new Set(), retracted: new Set() });
  });

  it('lets decide() refuse with a typed DomainError naming the field', () => {
    const state = foldEvents(decider, [
      { type: 'Recorded', data: { id: 's1' } },
      { type: 'Retracted', data: { id: 's1' } },
    ]);
    expect(() => decider.decide({ type: 'Retract', id: 's1' }, state)).toThrow(
      expect.objectContaining({ code: 'already-retracted', field: 'id' }),
    );
  });
});
