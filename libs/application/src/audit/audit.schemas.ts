import { Type } from '@sinclair/typebox';
import { named, Nullable } from '../shared/schema';

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
