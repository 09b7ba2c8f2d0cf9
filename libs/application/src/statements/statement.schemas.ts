import { Type } from '@sinclair/typebox';
import { PRECISIONS, STANCES, STATEMENT_KINDS, WITHDRAWAL_REASONS } from '@app/domain';
import { DATE_BASES } from '@app/projections';
import { NewActors } from '../actors/actor.schemas';
import {
  Body,
  PageCursor,
  PageLimit,
  PageMembers,
  QueryString,
  TimeParams,
  Instant,
  IsoDate,
  Maybe,
  named,
  Nullable,
  OneOf,
  RecordHistorySchema,
  Slug,
  Text,
  Uuid,
  VersionedRecord,
} from '../shared/schema';

export const STATEMENT_STATUSES = ['recorded', 'retracted', 'withdrawn'] as const;

export const SaidAtSchema = named(
  'SaidAt',
  Type.Object(
    {
      date: Maybe(
        Type.String({
          pattern: '^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$',
          description: 'YYYY-MM-DD (day), YYYY-MM (month) or null (unknown)',
          examples: ['2024-07-11'],
        }),
      ),
      precision: OneOf(PRECISIONS),
    },
    { description: 'Valid time: when it was said' },
  ),
);
export const SpanSchema = Type.Object(
  { start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 1 }) },
  { description: 'Character offsets in the source’s text (UTF-16 code units)' },
);
export const StanceSchema = named(
  'Stance',
  Type.Object({ propositionId: Slug, stance: OneOf(STANCES) }),
);

/** What a statement says: recorded whole, corrected member by member. */
const content = {
  speakerId: Slug,
  principalId: Maybe(Slug),
  kind: OneOf(STATEMENT_KINDS),
  cameo: Maybe(
    Type.String({ description: 'A CAMEO code of the kind’s family (e.g. 138)', maxLength: 10 }),
  ),
  targetIds: Maybe(Type.Array(Slug, { maxItems: 20, examples: [['nato']] })),
  quote: Maybe(Text(5000)),
  summary: Maybe(Text(2000)),
  saidAt: SaidAtSchema,
  confidence: Maybe(Type.Number({ minimum: 0, maximum: 1, default: 1 })),
  stances: Maybe(Type.Array(StanceSchema, { maxItems: 20 })),
};

const MentionSource = Type.Object({
  sourceId: Uuid,
  span: Maybe(SpanSchema),
  reportedAt: Maybe(Instant),
});

export const RecordStatementBody = Body(
  'RecordStatement',
  {
    ...content,
    source: MentionSource,
    provenance: Maybe(
      Type.Object({
        method: OneOf(['manual', 'extractor'] as const),
        extractor: Type.Optional(Type.String({ maxLength: 100 })),
        version: Type.Optional(Type.String({ maxLength: 50 })),
      }),
    ),
    newActors: NewActors,
    allegation: Maybe(
      Text(2000, {
        description:
          'Only for an accusation with targets, which opens its accusation record (id = the ' +
          'statement id) in the same transaction. Default: the summary, else the quote.',
      }),
    ),
  },
  'Who said what about whom, when, and where it was reported',
);
export const CorrectStatementBody = Body('CorrectStatement', {
  changes: Type.Partial(Type.Object(content), { description: 'Only the members to change' }),
  reason: Text(1000),
});
export const RetractStatementBody = Body('RetractStatement', {
  retractedOn: IsoDate,
  sourceId: Uuid,
  note: Maybe(Text(1000)),
});
export const WithdrawStatementBody = Body('WithdrawStatement', {
  reason: OneOf(WITHDRAWAL_REASONS),
  note: Maybe(Text(1000)),
  duplicateOf: Maybe(Uuid),
});
export const AddMentionBody = Body('AddMention', {
  sourceId: Uuid,
  span: Maybe(SpanSchema),
  reportedAt: Maybe(Instant),
});
export const TakeStanceBody = Body('TakeStance', {
  propositionId: Slug,
  stance: OneOf(STANCES),
});

/** What a statement says, as every answer shows it (the record, the timeline). */
export const StatementContentView = {
  speakerId: Type.String(),
  principalId: Nullable(Type.String()),
  kind: OneOf(STATEMENT_KINDS),
  cameo: Type.String(),
  goldstein: Type.Number(),
  targetIds: Type.Array(Type.String()),
  quote: Nullable(Type.String()),
  summary: Nullable(Type.String()),
  saidAt: Type.Object({ date: Nullable(Type.String()), precision: OneOf(PRECISIONS) }),
  confidence: Type.Number(),
  stances: Type.Array(StanceSchema),
};

/** How a date was reached: said, or (said date unknown) reported, or recorded. */
export const DateBasisSchema = OneOf(DATE_BASES, {
  description:
    'said: the said date; reported: said date unknown, the day its first source reported it; ' +
    'recorded: neither known, the day it was first recorded',
});

/** A statement as the read models list it (timelines, the global query). */
export const StatementItemView = {
  statementId: Type.String(),
  version: Type.Integer(),
  ...StatementContentView,
  status: OneOf(STATEMENT_STATUSES),
  retractedOn: Nullable(Type.String()),
  withdrawal: Type.Unknown(),
  corrections: Type.Integer(),
  mentions: Type.Integer(),
  sourceIds: Type.Array(Type.String()),
  recordedAt: Type.String(),
  datedOn: Type.String({
    format: 'date',
    description: 'the date it counts from in positions, relations, alerts and asOf',
  }),
  dateBasis: DateBasisSchema,
};

export const StatementListQueryString = QueryString({
  from: Type.Optional(Type.String({ format: 'date', description: 'dated on or after' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'dated on or before' })),
  kind: Type.Optional(OneOf(STATEMENT_KINDS)),
  speakerId: Type.Optional(Text(200, { description: 'actor id, name or alias' })),
  principalId: Type.Optional(Text(200, { description: 'actor id, name or alias' })),
  targetId: Type.Optional(Text(200, { description: 'actor id, name or alias' })),
  propositionId: Type.Optional(Slug),
  sourceId: Type.Optional(Uuid),
  status: Type.Optional(
    Type.String({
      pattern: `^(${STATEMENT_STATUSES.join('|')})(,(${STATEMENT_STATUSES.join('|')}))*$`,
      description: 'one status, or several separated by commas (any of them): retracted,withdrawn',
      examples: ['retracted', 'retracted,withdrawn'],
    }),
  ),
  q: Type.Optional(
    Text(200, {
      description: 'full-text search over quotes and summaries: words, "phrases", -not',
    }),
  ),
  limit: PageLimit(500, 50),
  cursor: PageCursor,
  ...TimeParams,
});

export const StatementListSchema = named(
  'StatementList',
  Type.Object({ items: Type.Array(Type.Object(StatementItemView)), ...PageMembers }),
);

export const StatementViewSchema = VersionedRecord('Statement', {
  statementId: Uuid,
  ...StatementContentView,
  provenance: Type.Unknown({
    description: '{method: manual} or {method: extractor, extractor, version}',
  }),
  mentions: Type.Array(
    Type.Object({
      sourceId: Uuid,
      span: Nullable(SpanSchema),
      reportedAt: Nullable(Type.String()),
    }),
  ),
  retraction: Nullable(Type.Object({ retractedOn: IsoDate, sourceId: Uuid })),
  withdrawal: Nullable(Type.Object({ reason: Type.String(), duplicateOf: Nullable(Uuid) })),
  corrections: Type.Integer({ minimum: 0 }),
  status: OneOf(STATEMENT_STATUSES),
});

export const StatementHistorySchema = RecordHistorySchema('StatementHistory', 'statementId');
