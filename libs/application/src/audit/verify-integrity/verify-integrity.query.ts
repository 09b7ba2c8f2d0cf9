import { Query } from '@nestjs/cqrs';
import type { EventStoreIntegrity } from '@app/event-store';

export type IntegrityReport = Awaited<ReturnType<EventStoreIntegrity['verify']>>;

/** Recompute every stream's hash chain and every seal: what an auditor trusts. */
export class VerifyIntegrityQuery extends Query<IntegrityReport> {}
