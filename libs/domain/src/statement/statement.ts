/**
 * Statement: one thing an actor said. Stream "statement-<uuid>". Editorial corrections
 * (we recorded it wrong) and retractions (the actor took it back) are different facts and
 * both stay on record; erroneous or duplicate records are withdrawn, never deleted. Each
 * report of the statement in a source is a mention of the same statement.
 */
import { conflict, notFound, Decider, DomainEvent, invalid, ruleBroken, within } from '../decider';
import { checkSpan } from '../source/source';
import {
  fields,
  isoDate,
  oneOf,
  optionalInstant,
  optionalText,
  text,
  uuid,
} from '../shared/values';
import {
  checkCameo,
  checkContent,
  checkProvenance,
  CORRECTABLE,
  CorrectableField,
  Provenance,
  requireQuoteOrSummary,
  Stance,
  StatementContent,
} from './statement-values';

export interface Mention {
  sourceId: string;
  span: { start: number; end: number } | null;
  /** When the source reported it (its publication time), if known. */
  reportedAt: string | null;
}

export const WITHDRAWAL_REASONS = ['duplicate', 'erroneous', 'out-of-scope'] as const;

export type StatementEvent =
  | DomainEvent<
      'StatementRecorded',
      { statementId: string; provenance: Provenance; mention: Mention } & StatementContent
    >
  | DomainEvent<
      'StatementCorrected',
      {
        statementId: string;
        changes: Partial<StatementContent>;
        previous: Partial<StatementContent>;
        reason: string;
        correctedBy: string;
      }
    >
  | DomainEvent<
      'StatementRetracted',
      { statementId: string; retractedOn: string; sourceId: string; note: string | null }
    >
  | DomainEvent<
      'StatementWithdrawn',
      {
        statementId: string;
        reason: (typeof WITHDRAWAL_REASONS)[number];
        note: string | null;
        duplicateOf: string | null;
      }
    >
  | DomainEvent<'StatementMentionAdded', { statementId: string } & Mention>
  | DomainEvent<'StatementStanceTaken', { statementId: string } & Stance>;

export type StatementCommand =
  | {
      type: 'RecordStatement';
      statementId: unknown;
      speakerId: unknown;
      principalId?: unknown;
      kind: unknown;
      cameo?: unknown;
      targetIds?: unknown;
      quote?: unknown;
      summary?: unknown;
      saidAt: unknown;
      source: unknown;
      confidence?: unknown;
      provenance?: unknown;
      stances?: unknown;
      /** Length of the source's text when known, to check the span against it. */
      sourceTextLength?: number | null;
    }
  | { type: 'CorrectStatement'; changes: unknown; reason: unknown; correctedBy: string }
  | { type: 'RetractStatement'; retractedOn: unknown; sourceId: unknown; note?: unknown }
  | { type: 'WithdrawStatement'; reason: unknown; note?: unknown; duplicateOf?: unknown }
  | {
      type: 'AddStatementMention';
      source: unknown;
      sourceTextLength?: number | null;
      /**
       * Where the mention sits in the caller's input, for the fields errors name: "source"
       * (default) or "" when the mention is the input itself.
       */
      at?: string;
    }
  | { type: 'TakeStance'; propositionId: unknown; stance: unknown };

export interface StatementState {
  statementId: string | null;
  content: StatementContent | null;
  provenance: Provenance | null;
  mentions: Mention[];
  retraction: { retractedOn: string; sourceId: string } | null;
  withdrawal: { reason: string; duplicateOf: string | null } | null;
  corrections: number;
}

export const statementStreamId = (statementId: string) => `statement-${statementId}`;

export const statementDecider: Decider<StatementCommand, StatementState, StatementEvent> = {
  initialState: () => ({
    statementId: null,
    content: null,
    provenance: null,
    mentions: [],
    retraction: null,
    withdrawal: null,
    corrections: 0,
  }),

  decide(command, state) {
    if (command.type === 'RecordStatement') return recordStatement(command, state);
    const { statementId, content } = requireRecorded(state);
    switch (command.type) {
      case 'CorrectStatement': {
        requireNotWithdrawn(state);
        const { changes, previous } = correction(content, command.changes);
        return [
          {
            type: 'StatementCorrected',
            data: {
              statementId,
              changes,
              previous,
              reason: text(command.reason, 'reason', 1000),
              correctedBy: text(command.correctedBy, 'correctedBy', 200),
            },
          },
        ];
      }
      case 'RetractStatement':
        return retract(command, state, statementId, content);
      case 'WithdrawStatement':
        return withdraw(command, state, statementId);
      case 'AddStatementMention': {
        requireNotWithdrawn(state);
        const mention = checkMention(
          command.source,
          command.at ?? 'source',
          command.sourceTextLength ?? null,
        );
        if (
          state.mentions.some(
            (m) => m.sourceId === mention.sourceId && sameSpan(m.span, mention.span),
          )
        ) {
          throw conflict(
            'mention-exists',
            'this source and span are already a mention of the statement',
            'source',
          );
        }
        return [{ type: 'StatementMentionAdded', data: { statementId, ...mention } }];
      }
      case 'TakeStance': {
        requireNotWithdrawn(state);
        const [stance] = checkContent.stances([
          { propositionId: command.propositionId, stance: command.stance },
        ]);
        const existing = content.stances.find((s) => s.propositionId === stance.propositionId);
        if (existing) {
          throw conflict(
            'stance-exists',
            `the statement already ${existing.stance} ${stance.propositionId}; correct it instead`,
            'propositionId',
          );
        }
        return [{ type: 'StatementStanceTaken', data: { statementId, ...stance } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'StatementRecorded': {
        const { statementId, provenance, mention, ...content } = event.data;
        return { ...state, statementId, content, provenance, mentions: [mention] };
      }
      case 'StatementCorrected':
        return {
          ...state,
          content: { ...state.content!, ...event.data.changes },
          corrections: state.corrections + 1,
        };
      case 'StatementRetracted':
        return {
          ...state,
          retraction: { retractedOn: event.data.retractedOn, sourceId: event.data.sourceId },
        };
      case 'StatementWithdrawn':
        return {
          ...state,
          withdrawal: { reason: event.data.reason, duplicateOf: event.data.duplicateOf },
        };
      case 'StatementMentionAdded': {
        const { statementId: _id, ...mention } = event.data;
        return { ...state, mentions: [...state.mentions, mention] };
      }
      case 'StatementStanceTaken':
        return {
          ...state,
          content: {
            ...state.content!,
            stances: [
              ...state.content!.stances,
              { propositionId: event.data.propositionId, stance: event.data.stance },
            ],
          },
        };
    }
  },
};

type Command<T extends StatementCommand['type']> = Extract<StatementCommand, { type: T }>;

function recordStatement(
  command: Command<'RecordStatement'>,
  state: StatementState,
): StatementEvent[] {
  if (state.statementId)
    throw conflict(
      'statement-exists',
      `statement ${state.statementId} is already recorded`,
      'statementId',
    );
  const kind = checkContent.kind(command.kind);
  const content: StatementContent = {
    speakerId: checkContent.speakerId(command.speakerId),
    principalId: checkContent.principalId(command.principalId),
    kind,
    ...checkCameo(kind, command.cameo),
    targetIds: checkContent.targetIds(command.targetIds),
    quote: checkContent.quote(command.quote),
    summary: checkContent.summary(command.summary),
    saidAt: checkContent.saidAt(command.saidAt),
    confidence: checkContent.confidence(command.confidence),
    stances: checkContent.stances(command.stances),
  };
  requireQuoteOrSummary(content);
  const mention = checkMention(command.source, 'source', command.sourceTextLength ?? null);
  return [
    {
      type: 'StatementRecorded',
      data: {
        statementId: uuid(command.statementId, 'statementId'),
        ...content,
        provenance: checkProvenance(command.provenance),
        mention,
      },
    },
  ];
}

function retract(
  command: Command<'RetractStatement'>,
  state: StatementState,
  statementId: string,
  content: StatementContent,
): StatementEvent[] {
  requireNotWithdrawn(state);
  if (state.retraction)
    throw conflict(
      'already-retracted',
      `statement ${statementId} was already retracted on ${state.retraction.retractedOn}`,
    );
  const retractedOn = isoDate(command.retractedOn, 'retractedOn');
  if (content.saidAt.date && retractedOn < content.saidAt.date.slice(0, retractedOn.length)) {
    throw ruleBroken(
      'retracted-before-said',
      'a statement cannot be retracted before it was made',
      'retractedOn',
    );
  }
  return [
    {
      type: 'StatementRetracted',
      data: {
        statementId,
        retractedOn,
        sourceId: uuid(command.sourceId, 'sourceId'),
        note: optionalText(command.note, 'note', 1000),
      },
    },
  ];
}

function withdraw(
  command: Command<'WithdrawStatement'>,
  state: StatementState,
  statementId: string,
): StatementEvent[] {
  requireNotWithdrawn(state);
  const reason = oneOf(command.reason, WITHDRAWAL_REASONS, 'reason');
  const duplicateOf =
    command.duplicateOf === undefined || command.duplicateOf === null
      ? null
      : uuid(command.duplicateOf, 'duplicateOf');
  if (reason === 'duplicate' && duplicateOf === null)
    throw invalid('duplicateOf', 'duplicateOf names the statement this one duplicates');
  if (duplicateOf === statementId)
    throw ruleBroken('duplicate-of-self', 'a statement cannot duplicate itself', 'duplicateOf');
  return [
    {
      type: 'StatementWithdrawn',
      data: {
        statementId,
        reason,
        note: optionalText(command.note, 'note', 1000),
        duplicateOf,
      },
    },
  ];
}

function requireRecorded(state: StatementState): {
  statementId: string;
  content: StatementContent;
} {
  if (!state.statementId || !state.content)
    throw notFound('statement-not-found', 'the statement is not recorded');
  return { statementId: state.statementId, content: state.content };
}

function requireNotWithdrawn(state: StatementState): void {
  if (state.withdrawal)
    throw conflict(
      'statement-withdrawn',
      `the statement was withdrawn from the record (${state.withdrawal.reason})`,
    );
}

function checkMention(value: unknown, field: string, textLength: number | null): Mention {
  const at = (member: string) => (field ? `${field}.${member}` : member);
  const source = fields(value, field || 'the mention', ['sourceId', 'span', 'reportedAt']);
  return {
    sourceId: uuid(source.sourceId, at('sourceId')),
    span:
      source.span === undefined || source.span === null
        ? null
        : checkSpan(source.span, at('span'), textLength),
    reportedAt: optionalInstant(source.reportedAt, at('reportedAt')),
  };
}

const sameSpan = (a: Mention['span'], b: Mention['span']) =>
  a === null ? b === null : b !== null && a.start === b.start && a.end === b.end;

/** Validate a correction: known fields only, each a real change; cameo follows a changed kind. */
function correction(
  current: StatementContent,
  value: unknown,
): { changes: Partial<StatementContent>; previous: Partial<StatementContent> } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('changes', 'changes must be an object of fields to correct');
  const requested = value as Record<string, unknown>;
  const unknownField = Object.keys(requested).find(
    (key) => !(CORRECTABLE as readonly string[]).includes(key),
  );
  if (unknownField !== undefined)
    throw invalid(
      `changes.${unknownField}`,
      `${unknownField} cannot be corrected (fields: ${CORRECTABLE.join(', ')})`,
    );
  const changes: Partial<StatementContent> = {};
  for (const field of Object.keys(requested) as CorrectableField[]) {
    if (field === 'cameo') continue;
    (changes as Record<string, unknown>)[field] = within('changes', () =>
      checkContent[field](requested[field]),
    );
  }
  if ('kind' in requested || 'cameo' in requested) {
    const kind = changes.kind ?? current.kind;
    Object.assign(
      changes,
      within('changes', () => checkCameo(kind, requested.cameo)),
    );
  }
  const previous: Partial<StatementContent> = {};
  for (const key of Object.keys(changes) as Array<keyof StatementContent>) {
    if (JSON.stringify(changes[key]) === JSON.stringify(current[key])) {
      delete changes[key];
    } else {
      (previous as Record<string, unknown>)[key] = current[key];
    }
  }
  if (Object.keys(changes).length === 0) throw invalid('changes', 'the correction changes nothing');
  const corrected = { ...current, ...changes };
  requireQuoteOrSummary(corrected);
  return { changes, previous };
}
