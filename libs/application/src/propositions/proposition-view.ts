import type { Static } from '@sinclair/typebox';
import type { PropositionState } from '@app/domain';
import { PropositionViewSchema } from './proposition.schemas';

/** A proposition as the API shows it. */
export type PropositionView = Omit<Static<typeof PropositionViewSchema>, 'version'>;

export const propositionView = (state: PropositionState): PropositionView => ({
  propositionId: state.propositionId!,
  text: state.text!,
  tags: state.tags,
});
