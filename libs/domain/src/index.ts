export * from './decider';
export * from './shared/kinds';
export * from './shared/values';
export * from './actor/actor';
export * from './source/source';
export * from './proposition/proposition';
export * from './statement/statement';
export * from './statement/statement-values';
export * from './statement/quotes';
export * from './accusation/accusation';
export * from './alert/alert-review';

import type { AccusationEvent } from './accusation/accusation';
import type { AlertReviewEvent } from './alert/alert-review';
import type { ActorEvent } from './actor/actor';
import type { PropositionEvent } from './proposition/proposition';
import type { SourceEvent } from './source/source';
import type { StatementEvent } from './statement/statement';

export type StatementTrackerEvent =
  ActorEvent | SourceEvent | PropositionEvent | StatementEvent | AccusationEvent | AlertReviewEvent;

/** Every event type the domain emits, at run time (the contract test checks the docs against it). */
export const DOMAIN_EVENT_TYPES = [
  'ActorRegistered',
  'ActorAliasAdded',
  'ActorAffiliationAdded',
  'ActorAffiliationEnded',
  'ActorMerged',
  'ActorAbsorbed',
  'SourceRegistered',
  'SourceCandidatesProposed',
  'SourceCandidateAccepted',
  'SourceCandidateRejected',
  'PropositionDefined',
  'PropositionReworded',
  'StatementRecorded',
  'StatementCorrected',
  'StatementRetracted',
  'StatementWithdrawn',
  'StatementMentionAdded',
  'StatementStanceTaken',
  'AccusationMade',
  'AccusationDenied',
  'AccusationAcknowledged',
  'AccusationWithdrawn',
  'AlertDismissed',
  'AlertReopened',
] as const satisfies ReadonlyArray<StatementTrackerEvent['type']>;

// Fails to compile when an event type is added to a union but not to the list above.
type Missing = Exclude<StatementTrackerEvent['type'], (typeof DOMAIN_EVENT_TYPES)[number]>;
export const DOMAIN_EVENT_TYPES_COMPLETE: [Missing] extends [never] ? true : Missing = true;
