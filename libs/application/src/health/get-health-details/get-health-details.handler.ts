import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DATABASE, Database, DatabaseProbe } from '@app/database';
import { EventStoreIntegrity, formatCheckpoint, PostgresEventStore } from '@app/event-store';
import { relayStatuses } from '@app/messaging';
import { ProjectionStatusReader } from '../projection-status';
import { GetHealthDetailsQuery, HealthDetails, RelayHealth } from './get-health-details.query';

/** Lag is counted up to here ("at least this many"), so a far-behind relay costs no full scan. */
const LAG_COUNT_CAP = 1_000_000;
/** A relay with events waiting that has not checkpointed for this long is reported stalled. */
const RELAY_STALLED_AFTER_MS = 30_000;

@QueryHandler(GetHealthDetailsQuery)
export class GetHealthDetailsHandler implements IQueryHandler<GetHealthDetailsQuery> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(EventStoreIntegrity) private readonly integrity: EventStoreIntegrity,
    @Inject(ProjectionStatusReader) private readonly projections: ProjectionStatusReader,
    @Inject(DatabaseProbe) private readonly probe: DatabaseProbe,
  ) {}

  async execute(): Promise<HealthDetails> {
    const probe = await this.probe.check();
    const database: Record<string, unknown> = {
      mode: this.database.mode,
      location: this.database.location,
      ...probe,
    };
    let eventStore: HealthDetails['eventStore'] = null;
    let relays: RelayHealth[] = [];
    let projections: HealthDetails['projections'] =
      this.config.projections === 'off' ? { source: 'off' } : null;
    let ok = probe.ok;
    if (ok) {
      try {
        eventStore = await this.eventStore();
        if (this.config.kafka) relays = await this.relays();
        if (this.config.projections !== 'off') projections = await this.projections.report();
      } catch (error) {
        ok = false;
        database.ok = false;
        database.error = (error as Error).message;
      }
    }
    return {
      status: !ok ? 'unavailable' : relays.some((r) => r.stalled) ? 'degraded' : 'ok',
      database,
      eventStore,
      kafka: this.config.kafka
        ? { configured: true, brokers: this.config.kafka.brokers, relays }
        : { configured: false, relay: 'off: KAFKA_BROKERS is not set' },
      projections,
    };
  }

  private async eventStore(): Promise<HealthDetails['eventStore']> {
    const [head, seal] = await Promise.all([
      this.store.headCheckpoint(),
      this.integrity.lastSeal(),
    ]);
    return {
      head: head ? formatCheckpoint(head) : null,
      lastSeal: seal
        ? {
            sealNumber: seal.sealNumber,
            to: formatCheckpoint(seal.to),
            sealHash: seal.sealHash,
            sealedAt: seal.sealedAt,
          }
        : null,
    };
  }

  private async relays(): Promise<RelayHealth[]> {
    const now = Date.now();
    return (await relayStatuses(this.database.dataSource, this.store, LAG_COUNT_CAP)).map(
      (relay) => ({
        ...relay,
        stalled: relay.lag > 0 && now - relay.updatedAt.getTime() > RELAY_STALLED_AFTER_MS,
      }),
    );
  }
}
