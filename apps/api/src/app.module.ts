import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ApiKeys } from '@app/access';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { EventStoreModule, PostgresEventStore } from '@app/event-store';
import { AccessBootstrapService } from './access/access-bootstrap.service';
import { AccessGuard } from './access/access.guard';
import { KeyRevocations } from './access/key-revocations';
import { DatabaseProbe } from './health/database-probe';
import { AuditController } from './access/audit.controller';
import { KeysController } from './access/keys.controller';
import { AccusationsController } from './accusations/accusations.controller';
import { ActorsController } from './actors/actors.controller';
import { CommandRunner } from '@app/application';
import { References } from './commands/references';
import { UnitOfWork } from './commands/unit-of-work';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { PropositionsController } from './propositions/propositions.controller';
import { SourcesController } from './sources/sources.controller';
import { StatementsController } from './statements/statements.controller';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { SampleDataService } from './sample-data.service';
import { SealerService } from './sealing/sealer.service';
import { ProjectionsService } from './read-models/projections.service';
import { ReadModelsController } from './read-models/read-models.controller';
import { ReadModelQueries } from '@app/projections';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        EventStoreModule,
        CqrsModule.forRoot(),
      ],
      controllers: [
        HealthController,
        MetricsController,
        ActorsController,
        SourcesController,
        StatementsController,
        AccusationsController,
        PropositionsController,
        ReadModelsController,
        KeysController,
        AuditController,
      ],
      providers: [
        SealerService,
        SampleDataService,
        ProjectionsService,
        {
          provide: ReadModelQueries,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new ReadModelQueries(dataSource),
        },
        {
          provide: CommandRunner,
          inject: [PostgresEventStore, UnitOfWork],
          useFactory: (store: PostgresEventStore, unitOfWork: UnitOfWork) =>
            new CommandRunner(store, (work) => unitOfWork.transaction(work)),
        },
        References,
        AccessBootstrapService,
        AccessGuard,
        KeyRevocations,
        DatabaseProbe,
        {
          provide: ApiKeys,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new ApiKeys(dataSource),
        },
        { provide: APP_GUARD, useExisting: AccessGuard },
        UnitOfWork,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
