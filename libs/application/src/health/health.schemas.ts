import { Type } from '@sinclair/typebox';
import { named, Nullable, OneOf } from '../shared/schema';

export const HealthSchema = named(
  'Health',
  Type.Object({
    status: OneOf(['ok', 'unavailable'] as const),
    database: Type.Object({ ok: Type.Boolean(), latencyMs: Type.Number() }),
  }),
);

export const LivenessSchema = named(
  'Liveness',
  Type.Object({
    status: OneOf(['ok'] as const),
    uptimeSeconds: Type.Number({ description: 'since this process started' }),
  }),
);

export const ReadinessSchema = named(
  'Readiness',
  Type.Object({
    status: OneOf(['ready', 'not-ready'] as const),
    reasons: Type.Array(Type.String(), { description: 'why not ready; empty when ready' }),
    database: Type.Object({ ok: Type.Boolean(), latencyMs: Type.Number() }),
    migrations: Type.Object({
      applied: Type.Integer({ description: 'migrations this code knows that are applied' }),
      pending: Type.Array(Type.String(), { description: 'those not applied' }),
    }),
    stopping: Type.Boolean({ description: 'shutting down: finishing what it has' }),
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
