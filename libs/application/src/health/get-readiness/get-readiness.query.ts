import { Query } from '@nestjs/cqrs';

export interface Readiness {
  status: 'ready' | 'not-ready';
  /** Why not, in words an operator can act on; empty when ready. */
  reasons: string[];
  database: { ok: boolean; latencyMs: number };
  /** Migrations this code knows and the database has applied / has not. */
  migrations: { applied: number; pending: string[] };
  stopping: boolean;
}

/**
 * Readiness: should this instance get traffic — its database answers, every migration this
 * code knows is applied there, and it is not shutting down. Liveness (is the process up) is
 * a separate, cheaper question.
 */
export class GetReadinessQuery extends Query<Readiness> {}
