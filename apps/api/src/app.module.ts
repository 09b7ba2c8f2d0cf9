import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApplicationModule, SEED_HANDLERS } from '@app/application';
import { ALL_MIGRATIONS } from '@app/application/migrations';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { EventStoreModule } from '@app/event-store';
import { AccessModule } from './access/access.module';
import { AccusationsModule } from './accusations/accusations.module';
import { ActorsModule } from './actors/actors.module';
import { ExportModule } from './export/export.module';
import { HealthModule } from './health/health.module';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { SchemaValidationInterceptor } from './http/validation';
import { PropositionsModule } from './propositions/propositions.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { SampleDataService } from './sample-data.service';
import { SourcesModule } from './sources/sources.module';
import { StatementsModule } from './statements/statements.module';

/**
 * The api: infrastructure (config, database, store, the use-case ports and buses) and one
 * feature module per resource. Every request passes the access guard, the idempotency
 * interceptor and the problem+json filter.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(ALL_MIGRATIONS),
        EventStoreModule,
        CqrsModule.forRoot(),
        ApplicationModule,
        HealthModule,
        ActorsModule,
        SourcesModule,
        StatementsModule,
        AccusationsModule,
        PropositionsModule,
        ReadModelsModule,
        AccessModule,
        ExportModule,
      ],
      providers: [
        SampleDataService,
        ...SEED_HANDLERS,
        // In this order: a request of the wrong shape is refused before any key is claimed.
        { provide: APP_INTERCEPTOR, useClass: SchemaValidationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
