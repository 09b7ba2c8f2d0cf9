import { Module } from '@nestjs/common';
import { HEALTH_HANDLERS } from '@app/application';
import { DatabaseProbe } from '@app/database';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/** Liveness, details for operators, Prometheus metrics. */
@Module({
  controllers: [HealthController, MetricsController],
  providers: [DatabaseProbe, ...HEALTH_HANDLERS],
})
export class HealthModule {}
