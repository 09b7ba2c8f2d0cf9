import { Type } from '@sinclair/typebox';
import { named, Nullable, OneOf } from '../shared/schema';

export const HealthSchema = named(
  'Health',
  Type.Object({
    status: OneOf(['ok', 'unavailable'] as const),
    database: Type.Object({ ok: Type.Boolean(), latencyMs: Type.Number() }),
  }),
);

export const HealthDetailsSchema = named(
  'HealthDetails',
  Type.Object({
    status: OneOf(['ok', 'degraded', 'unavailable'] as const, {
      description: 'degraded: the api serves, but events are not reaching Kafka',
    }),
    database: Type.Object({ ok: Type.Boolean(), mode: Type.String(), location: Type.String() }),
    eventStore: Nullable(
      Type.Object({ head: Nullable(Type.String()), lastSeal: Nullable(Type.Unknown()) }),
    ),
    kafka: Type.Object({ configured: Type.Boolean() }),
    projections: Nullable(Type.Object({ source: Type.String() })),
  }),
);
