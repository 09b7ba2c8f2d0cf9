/**
 * Proposition: a claim actors take positions on ("China supports Russia's war effort").
 * Stream "proposition-<slug>". Rewording keeps the id, so stances stay attached.
 */
import { conflict, Decider, DomainEvent, notFound } from '../decider';
import { distinct, list, slug, text } from '../shared/values';

export type PropositionEvent =
  | DomainEvent<'PropositionDefined', { propositionId: string; text: string; tags: string[] }>
  | DomainEvent<
      'PropositionReworded',
      { propositionId: string; text: string; previousText: string; reason: string }
    >;

export type PropositionCommand =
  | { type: 'DefineProposition'; propositionId: unknown; text: unknown; tags?: unknown }
  | { type: 'RewordProposition'; text: unknown; reason: unknown };

export interface PropositionState {
  propositionId: string | null;
  text: string | null;
  tags: string[];
}

export const propositionStreamId = (propositionId: string) => `proposition-${propositionId}`;

export const propositionDecider: Decider<PropositionCommand, PropositionState, PropositionEvent> = {
  initialState: () => ({ propositionId: null, text: null, tags: [] }),
  decide(command, state) {
    if (command.type === 'DefineProposition') {
      if (state.propositionId)
        throw conflict(
          'proposition-exists',
          `proposition ${state.propositionId} is already defined`,
          'propositionId',
        );
      return [
        {
          type: 'PropositionDefined',
          data: {
            propositionId: slug(command.propositionId, 'propositionId'),
            text: text(command.text, 'text', 500),
            tags: distinct(
              list(command.tags, 'tags', 20, (v, f) => slug(v, f)),
              'tags',
            ),
          },
        },
      ];
    }
    if (!state.propositionId)
      throw notFound('proposition-not-found', 'the proposition is not defined');
    const reworded = text(command.text, 'text', 500);
    if (reworded === state.text)
      throw conflict('same-text', 'the new wording is the same as the current one', 'text');
    return [
      {
        type: 'PropositionReworded',
        data: {
          propositionId: state.propositionId,
          text: reworded,
          previousText: state.text!,
          reason: text(command.reason, 'reason', 1000),
        },
      },
    ];
  },
  evolve(state, event) {
    return event.type === 'PropositionDefined'
      ? { propositionId: event.data.propositionId, text: event.data.text, tags: event.data.tags }
      : { ...state, text: event.data.text };
  },
};
