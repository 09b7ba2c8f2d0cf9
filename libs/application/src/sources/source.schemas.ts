import { Type } from '@sinclair/typebox';
import { MAX_SOURCE_TEXT, STATEMENT_KINDS } from '@app/domain';
import { NewActors } from '../actors/actor.schemas';
import {
  Body,
  Instant,
  Maybe,
  named,
  Nullable,
  OneOf,
  PageCursor,
  PageLimit,
  PageMembers,
  QueryString,
  RecordHistorySchema,
  Slug,
  Text,
  Uuid,
  VersionedRecord,
} from '../shared/schema';
import { SaidAtSchema, SpanSchema } from '../statements/statement.schemas';

export const RegisterSourceBody = Body(
  'RegisterSource',
  {
    url: Maybe(Text(2000, { format: 'uri' })),
    publisher: Maybe(Text(200)),
    title: Maybe(Text(500)),
    publishedAt: Maybe(Instant),
    text: Maybe(Text(MAX_SOURCE_TEXT)),
    extract: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'With text: propose the statements the extractor finds',
      }),
    ),
  },
  'A document: a url or its text (or both); the SHA-256 of the text is computed here',
);
export const AcceptCandidateBody = Body('AcceptCandidate', {
  changes: Type.Optional(
    Type.Object(
      {
        speakerId: Type.Optional(Slug),
        principalId: Maybe(Slug),
        kind: Type.Optional(OneOf(STATEMENT_KINDS)),
        targetIds: Type.Optional(Type.Array(Slug, { maxItems: 20 })),
        quote: Maybe(Text(5000)),
        summary: Maybe(Text(2000)),
        saidAt: Type.Optional(SaidAtSchema),
      },
      { additionalProperties: false, description: 'Edits to the candidate before it is recorded' },
    ),
  ),
  newActors: NewActors,
});
export const RejectCandidateBody = Body('RejectCandidate', { reason: Text(1000) });

export const SourceViewSchema = VersionedRecord('Source', {
  sourceId: Uuid,
  url: Nullable(Type.String()),
  publisher: Nullable(Type.String()),
  title: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  sha256: Nullable(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  text: Nullable(Type.String()),
  candidates: Type.Object({
    proposed: Type.Integer({ minimum: 0 }),
    accepted: Type.Integer({ minimum: 0 }),
    rejected: Type.Integer({ minimum: 0 }),
  }),
  existing: Type.Optional(
    Type.Literal(true, { description: 'The same text was on record: nothing was written' }),
  ),
});

const CandidateActorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  proposed: Type.Boolean({ description: 'Not on record: register it to accept' }),
});

export const CandidatesViewSchema = VersionedRecord('SourceCandidates', {
  sourceId: Uuid,
  extractor: Nullable(Type.Object({ name: Type.String(), version: Type.String() })),
  candidates: Type.Array(
    Type.Object({
      candidateId: Uuid,
      speaker: CandidateActorSchema,
      principal: Nullable(CandidateActorSchema),
      kind: OneOf(STATEMENT_KINDS),
      targets: Type.Array(CandidateActorSchema),
      quote: Nullable(Type.String()),
      allegation: Nullable(Type.String()),
      span: SpanSchema,
      confidence: Type.Number(),
      status: OneOf(['proposed', 'accepted', 'rejected'] as const),
      statementId: Nullable(Uuid),
      reason: Nullable(Type.String()),
      text: Type.String({ description: 'The candidate’s span of the source text' }),
    }),
  ),
});

export const AcceptanceSchema = named(
  'Acceptance',
  Type.Object({
    candidateId: Uuid,
    statementId: Uuid,
    as: OneOf(['recorded', 'mention'] as const, {
      description: 'A new statement (201), or a new mention of one on record (200)',
    }),
  }),
);
export const RejectionSchema = named(
  'Rejection',
  Type.Object({
    candidateId: Uuid,
    status: OneOf(['proposed', 'accepted', 'rejected'] as const),
    reason: Nullable(Type.String()),
  }),
);

export const SourceHistorySchema = RecordHistorySchema('SourceHistory', 'sourceId');

export const SourceListQueryString = QueryString({
  q: Type.Optional(
    Text(200, { description: 'words of its title, publisher or url (each a word prefix)' }),
  ),
  publisher: Type.Optional(Text(200, { description: 'case and accents ignored' })),
  from: Type.Optional(Type.String({ format: 'date', description: 'published on or after (UTC)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'published on or before (UTC)' })),
  limit: PageLimit(200, 50),
  cursor: PageCursor,
});

export const SourceListSchema = named(
  'SourceList',
  Type.Object({
    items: Type.Array(
      Type.Object({
        sourceId: Type.String(),
        url: Nullable(Type.String()),
        publisher: Nullable(Type.String()),
        title: Nullable(Type.String()),
        publishedAt: Nullable(Type.String()),
        hasText: Type.Boolean(),
        registeredAt: Type.String(),
        statements: Type.Integer({ description: 'statements on record citing it' }),
      }),
    ),
    ...PageMembers,
  }),
);
