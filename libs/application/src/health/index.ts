// Liveness, operators' details and metrics, registered by the module that serves them.
import { GetHealthDetailsHandler } from './get-health-details/get-health-details.handler';
import { GetHealthHandler } from './get-health/get-health.handler';
import { GetMetricsHandler } from './get-metrics/get-metrics.handler';
import { GetReadinessHandler } from './get-readiness/get-readiness.handler';
import { Lifecycle } from './lifecycle';
export * from './get-health/get-health.query';
export * from './get-health-details/get-health-details.query';
export * from './get-metrics/get-metrics.query';
export * from './get-readiness/get-readiness.query';
export * from './lifecycle';
export * from './projection-status';

/** The handlers, and the flag that tells readiness the process is shutting down. */
export const HEALTH_HANDLERS = [
  GetHealthHandler,
  GetHealthDetailsHandler,
  GetMetricsHandler,
  GetReadinessHandler,
  Lifecycle,
];
export * from './health.schemas';
