// Liveness, operators' details and metrics, registered by the module that serves them.
import { GetHealthDetailsHandler } from './get-health-details/get-health-details.handler';
import { GetHealthHandler } from './get-health/get-health.handler';
import { GetMetricsHandler } from './get-metrics/get-metrics.handler';
export * from './get-health/get-health.query';
export * from './get-health-details/get-health-details.query';
export * from './get-metrics/get-metrics.query';
export * from './projection-status';

export const HEALTH_HANDLERS = [GetHealthHandler, GetHealthDetailsHandler, GetMetricsHandler];
export * from './health.schemas';
