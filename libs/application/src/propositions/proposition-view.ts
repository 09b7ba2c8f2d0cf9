import type { PropositionState } from '@app/domain';

/** A proposition as the API shows it. */
export const propositionView = (state: PropositionState) => ({
  propositionId: state.propositionId,
  text: state.text,
  tags: state.tags,
});
export type PropositionView = ReturnType<typeof propositionView>;
