import { Query } from '@nestjs/cqrs';
import type { ProbeResult } from '@app/database';

export interface Health {
  status: 'ok' | 'unavailable';
  database: { ok: boolean; latencyMs: number };
}

/** Liveness: whether this instance can reach its database (it names no host or broker). */
export class GetHealthQuery extends Query<Health> {}

export type { ProbeResult };
