import { Query } from '@nestjs/cqrs';

/** Prometheus metrics of the store, the relays and the read models (text format 0.0.4). */
export class GetMetricsQuery extends Query<string> {}
