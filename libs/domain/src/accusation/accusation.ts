/**
 * Accusation: first-class, made by a statement of kind accusation. Stream "accusation-<uuid>".
 * Responses link other statements to it: a denial or acknowledgement by an accused party, a
 * withdrawal by the accuser. Status is derived from the responses.
 */
import { conflict, Decider, DomainEvent, invalid, notFound, ruleBroken } from '../decider';
import type { StatementKind } from '../shared/kinds';
import { attributedTo } from '../statement/statement-values';
import { distinct, list, oneOf, slug, text, uuid } from '../shared/values';

/** What the handler read from a statement's stream, passed in so the decider stays pure. */
export interface StatementFacts {
  statementId: string;
  kind: StatementKind;
  speakerId: string;
  principalId: string | null;
  targetIds: string[];
  withdrawn: boolean;
}

export const RESPONSES = ['denial', 'acknowledgement', 'withdrawal'] as const;
export type ResponseKind = (typeof RESPONSES)[number];
/** What the responses so far make of an accusation (statusOf). */
export const ACCUSATION_STATUSES = ['open', 'denied', 'acknowledged', 'withdrawn'] as const;
export type AccusationStatus = (typeof ACCUSATION_STATUSES)[number];

export interface AccusationResponse {
  response: ResponseKind;
  statementId: string;
  /** The party responding: the statement's principal, or its speaker. */
  respondentId: string;
}

export type AccusationEvent =
  | DomainEvent<
      'AccusationMade',
      {
        accusationId: string;
        statementId: string;
        accuserId: string;
        accusedIds: string[];
        allegation: string;
      }
    >
  | DomainEvent<'AccusationDenied', { accusationId: string } & Omit<AccusationResponse, 'response'>>
  | DomainEvent<
      'AccusationAcknowledged',
      { accusationId: string } & Omit<AccusationResponse, 'response'>
    >
  | DomainEvent<
      'AccusationWithdrawn',
      { accusationId: string } & Omit<AccusationResponse, 'response'>
    >;

export type AccusationCommand =
  | {
      type: 'MakeAccusation';
      accusationId: unknown;
      statement: StatementFacts;
      accusedIds?: unknown;
      allegation: unknown;
    }
  | { type: 'RespondToAccusation'; response: unknown; statement: StatementFacts };

export interface AccusationState {
  accusationId: string | null;
  statementId: string | null;
  accuserId: string | null;
  accusedIds: string[];
  allegation: string | null;
  responses: AccusationResponse[];
}

export const accusationStreamId = (accusationId: string) => `accusation-${accusationId}`;

/** The event that records each kind of response. */
export const RESPONSE_EVENTS = {
  denial: 'AccusationDenied',
  acknowledgement: 'AccusationAcknowledged',
  withdrawal: 'AccusationWithdrawn',
} as const satisfies Record<ResponseKind, AccusationEvent['type']>;
export type AccusationResponseEvent = (typeof RESPONSE_EVENTS)[ResponseKind];

/** The kind of response a response event records (AccusationDenied → denial). */
export function responseOf(type: AccusationResponseEvent): ResponseKind {
  return RESPONSES.find((kind) => RESPONSE_EVENTS[kind] === type)!;
}

export const accusationDecider: Decider<AccusationCommand, AccusationState, AccusationEvent> = {
  initialState: () => ({
    accusationId: null,
    statementId: null,
    accuserId: null,
    accusedIds: [],
    allegation: null,
    responses: [],
  }),

  decide(command, state) {
    if (command.type === 'MakeAccusation') {
      if (state.accusationId)
        throw conflict(
          'accusation-exists',
          `accusation ${state.accusationId} already exists`,
          'accusationId',
        );
      const { statement } = command;
      if (statement.withdrawn)
        throw conflict(
          'statement-withdrawn',
          'the statement was withdrawn from the record',
          'statementId',
        );
      if (statement.kind !== 'accusation') {
        throw ruleBroken(
          'not-an-accusation',
          `statement ${statement.statementId} is a ${statement.kind}, not an accusation`,
          'statementId',
        );
      }
      const accuserId = attributedTo(statement);
      const accusedIds =
        command.accusedIds === undefined
          ? statement.targetIds
          : distinct(
              list(command.accusedIds, 'accusedIds', 20, (v, f) => slug(v, f)),
              'accusedIds',
            );
      if (accusedIds.length === 0)
        throw invalid(
          'accusedIds',
          'an accusation needs at least one accused (or targets on its statement)',
        );
      if (accusedIds.includes(accuserId) || accusedIds.includes(statement.speakerId)) {
        throw ruleBroken(
          'self-accusation',
          'the accuser cannot be among the accused',
          'accusedIds',
        );
      }
      return [
        {
          type: 'AccusationMade',
          data: {
            accusationId: uuid(command.accusationId, 'accusationId'),
            statementId: statement.statementId,
            accuserId,
            accusedIds,
            allegation: text(command.allegation, 'allegation', ALLEGATION_MAX),
          },
        },
      ];
    }
    if (!state.accusationId)
      throw notFound('accusation-not-found', 'the accusation does not exist');
    const response = oneOf(command.response, RESPONSES, 'response');
    const { statement } = command;
    if (statement.withdrawn)
      throw conflict(
        'statement-withdrawn',
        'the responding statement was withdrawn from the record',
        'statementId',
      );
    if (statusOf(state) === 'withdrawn')
      throw conflict('accusation-withdrawn', 'the accuser withdrew this accusation');
    if (
      statement.statementId === state.statementId ||
      state.responses.some((r) => r.statementId === statement.statementId)
    ) {
      throw conflict(
        'response-exists',
        `statement ${statement.statementId} is already linked to this accusation`,
        'statementId',
      );
    }
    const parties = [statement.principalId, statement.speakerId].filter(
      (id): id is string => id !== null,
    );
    let respondentId: string | undefined;
    if (response === 'withdrawal') {
      respondentId = parties.find((id) => id === state.accuserId);
      if (!respondentId)
        throw ruleBroken(
          'not-the-accuser',
          `only the accuser (${state.accuserId}) can withdraw the accusation`,
          'statementId',
        );
    } else {
      respondentId = parties.find((id) => state.accusedIds.includes(id));
      if (!respondentId) {
        throw ruleBroken(
          'not-accused',
          `a ${response} must come from an accused party (${state.accusedIds.join(', ')})`,
          'statementId',
        );
      }
      if (response === 'denial' && statement.kind !== 'denial' && statement.kind !== 'rejection') {
        throw ruleBroken(
          'not-a-denial',
          `statement ${statement.statementId} is a ${statement.kind}; a denial needs a denial or rejection`,
          'statementId',
        );
      }
    }
    return [
      {
        type: RESPONSE_EVENTS[response],
        data: {
          accusationId: state.accusationId,
          statementId: statement.statementId,
          respondentId,
        },
      },
    ];
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AccusationMade':
        return { ...state, ...event.data, responses: [] };
      case 'AccusationDenied':
      case 'AccusationAcknowledged':
      case 'AccusationWithdrawn': {
        return {
          ...state,
          responses: [
            ...state.responses,
            {
              response: responseOf(event.type),
              statementId: event.data.statementId,
              respondentId: event.data.respondentId,
            },
          ],
        };
      }
    }
  },
};

/** Whom an accusation-kind statement accuses: its targets, less whoever it is attributed to. */
export function accusedBy(
  statement: Pick<StatementFacts, 'speakerId' | 'principalId' | 'targetIds'>,
): string[] {
  return statement.targetIds.filter(
    (id) => id !== statement.speakerId && id !== statement.principalId,
  );
}

export const ALLEGATION_MAX = 2000;

/** The allegation a statement makes when none is given: its summary, else its quote. */
export function allegationOf(content: { quote: string | null; summary: string | null }): string {
  // Counted in characters (code points), as PostgreSQL counts them.
  const said = [...(content.summary ?? content.quote ?? '').trim()];
  return said.length <= ALLEGATION_MAX
    ? said.join('')
    : `${said.slice(0, ALLEGATION_MAX - 1).join('')}…`;
}

/**
 * The accusation an accusation-kind statement opens as it is recorded (null when it opens none:
 * another kind, or no one accused but itself). It shares the statement's id, so a statement
 * opens at most one, and a read model can find it without an index.
 */
export function openedAccusation(
  statement: StatementFacts & { quote: string | null; summary: string | null },
  allegation?: unknown,
): Extract<AccusationCommand, { type: 'MakeAccusation' }> | null {
  const accusedIds = accusedBy(statement);
  if (statement.kind !== 'accusation' || accusedIds.length === 0) {
    if (allegation !== undefined && allegation !== null)
      throw invalid(
        'allegation',
        'allegation applies only to an accusation with targets other than its speaker',
      );
    return null;
  }
  return {
    type: 'MakeAccusation',
    accusationId: statement.statementId,
    statement,
    accusedIds,
    allegation: allegation ?? allegationOf(statement),
  };
}

/** The accusation's status: see statusOfResponses. */
export function statusOf(state: Pick<AccusationState, 'responses'>): AccusationStatus {
  return statusOfResponses(state.responses.map((r) => r.response));
}

/**
 * The status the responses (in any order) give: withdrawn beats acknowledged beats denied
 * beats open. Shared with the read models, which hold the responses as a list of kinds.
 */
export function statusOfResponses(responses: readonly ResponseKind[]): AccusationStatus {
  if (responses.includes('withdrawal')) return 'withdrawn';
  if (responses.includes('acknowledgement')) return 'acknowledged';
  if (responses.includes('denial')) return 'denied';
  return 'open';
}
