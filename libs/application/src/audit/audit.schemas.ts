import { Type } from '@sinclair/typebox';
import { named, Nullable, PageCursor, PageLimit, QueryString } from '../shared/schema';

export const SealSchema = named(
  'Seal',
  Type.Object({
    sealNumber: Type.Integer({ minimum: 1 }),
    to: Type.Object({ transactionId: Type.String(), globalPosition: Type.Integer() }),
    eventCount: Type.Integer(),
    eventsDigest: Type.String(),
    sealHash: Type.String({ description: 'The chain head to publish outside the database' }),
    sealedAt: Type.String({ format: 'date-time' }),
  }),
);
export const SealsSchema = named('Seals', Type.Object({ seals: Type.Array(SealSchema) }));

export const VerifyReportSchema = named(
  'VerifyReport',
  Type.Object({
    ok: Type.Boolean(),
    eventsChecked: Type.Integer(),
    streamsChecked: Type.Integer(),
    sealsChecked: Type.Integer(),
    unsealedEvents: Type.Integer(),
    sealIntervalMs: Type.Integer(),
    firstBroken: Nullable(
      Type.Object(
        { kind: Type.String(), reason: Type.String(), detail: Type.String() },
        { description: 'The first problem found, with the event, head or seal it concerns' },
      ),
    ),
    problems: Type.Array(
      Type.Object({ kind: Type.String(), reason: Type.String(), detail: Type.String() }),
    ),
  }),
);

export const AuditChangesQueryString = QueryString({
  from: Type.String({
    format: 'date-time',
    description: 'Start of the window of recorded time (inclusive), ISO 8601 with a time zone',
  }),
  to: Type.Optional(
    Type.String({ format: 'date-time', description: 'End of the window (exclusive); default now' }),
  ),
  limit: PageLimit(1000, 100),
  cursor: PageCursor,
});

const Values = Nullable(Type.Record(Type.String(), Type.Unknown()));

export const AuditChangeSchema = named(
  'AuditChange',
  Type.Object({
    id: Type.String({ description: 'event:<eventId>, or alert:<change id>' }),
    at: Type.String({
      format: 'date-time',
      description: 'Recorded time: when the record learned it',
    }),
    change: Type.String({
      description:
        'statement.recorded|corrected|retracted|withdrawn|mentioned, accusation.opened|denied|' +
        'acknowledged|withdrawn, alert.raised|cleared|dismissed|reopened, actor.…, source.…, proposition.…',
    }),
    record: Type.Object({
      kind: Type.String(),
      id: Type.String(),
      version: Nullable(Type.Integer({ description: 'The record’s version after this change' })),
      href: Nullable(Type.String()),
    }),
    who: Nullable(
      Type.String({
        description: 'The API key (key:<id>) or user that wrote it; rule:<type> for alerts',
      }),
    ),
    why: Nullable(Type.String({ description: 'The reason or note given' })),
    summary: Type.String(),
    before: Values,
    after: Values,
    eventId: Nullable(Type.String()),
    eventType: Nullable(Type.String()),
    correlationId: Nullable(Type.String()),
  }),
);

export const AuditChangesSchema = named(
  'AuditChanges',
  Type.Object({
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    items: Type.Array(AuditChangeSchema),
    nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page' })),
  }),
);
