import { Query } from '@nestjs/cqrs';
import type { ProjectionReport } from '@app/projections';

export interface RelayHealth {
  name: string;
  checkpoint: string;
  published: number;
  lag: number;
  updatedAt: Date;
  /** Events wait and the relay has not moved for a while: it is down or cannot publish. */
  stalled: boolean;
}

export interface HealthDetails {
  /** "degraded": the api serves, but events are not reaching Kafka. */
  status: 'ok' | 'degraded' | 'unavailable';
  database: Record<string, unknown>;
  eventStore: {
    head: string | null;
    lastSeal: { sealNumber: number; to: string; sealHash: string; sealedAt: Date } | null;
  } | null;
  kafka:
    | { configured: true; brokers: string[]; relays: RelayHealth[] }
    | { configured: false; relay: string };
  projections: ProjectionReport | { source: 'off' } | null;
}

/** Liveness plus what this instance runs on and how far its relays and projections are. */
export class GetHealthDetailsQuery extends Query<HealthDetails> {}
