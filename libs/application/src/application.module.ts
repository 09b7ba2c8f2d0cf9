import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '@app/event-store';
import {
  AccusationQueries,
  ActorSearchQueries,
  AlertQueries,
  AuditTrailQueries,
  PositionQueries,
  PropositionListQueries,
  RelationQueries,
  SourceListQueries,
  StatementExportQueries,
  StatementListQueries,
  TimelineQueries,
} from '@app/projections';
import { ActorLookup } from './actors/actor-lookup';
import { LiveChanges } from './read-models/live/live-changes';
import { CommandRunner } from './command-runner';
import { Affiliations } from './ports/affiliations';
import { IngestionReads } from './ports/ingestion';
import { References } from './ports/references';
import { SourceTexts } from './ports/source-texts';
import { UnitOfWork } from './ports/unit-of-work';
import { ProjectionStatusReader } from './health/projection-status';
import { RECORD_HANDLERS } from './records';
import { CandidateAcceptance } from './sources/accept-candidate/candidate-acceptance';

const PORTS = [
  UnitOfWork,
  References,
  SourceTexts,
  Affiliations,
  IngestionReads,
  ProjectionStatusReader,
];

/**
 * What the use-case handlers need: the command runner (joined to the request's unit of work)
 * and the small ports through which they read storage, plus the record history every resource
 * serves. The other handlers are registered by the feature module that serves them.
 */
@Global()
@Module({
  providers: [
    ...PORTS,
    CandidateAcceptance,
    ...RECORD_HANDLERS,
    ActorLookup,
    LiveChanges,
    ...[
      ActorSearchQueries,
      StatementListQueries,
      StatementExportQueries,
      AuditTrailQueries,
      PropositionListQueries,
      SourceListQueries,
    ].map((queries) => ({
      provide: queries,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new queries(ds),
    })),
    {
      provide: TimelineQueries,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new TimelineQueries(ds),
    },
    {
      provide: PositionQueries,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new PositionQueries(ds),
    },
    {
      provide: RelationQueries,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new RelationQueries(ds),
    },
    {
      provide: AccusationQueries,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new AccusationQueries(ds),
    },
    {
      provide: AlertQueries,
      inject: [DataSource],
      useFactory: (ds: DataSource) => new AlertQueries(ds),
    },
    {
      provide: CommandRunner,
      inject: [PostgresEventStore, UnitOfWork],
      useFactory: (store: PostgresEventStore, unitOfWork: UnitOfWork) =>
        new CommandRunner(store, (work) => unitOfWork.transaction(work)),
    },
  ],
  exports: [
    ...PORTS,
    ActorLookup,
    LiveChanges,
    ActorSearchQueries,
    StatementListQueries,
    StatementExportQueries,
    AuditTrailQueries,
    PropositionListQueries,
    SourceListQueries,
    CandidateAcceptance,
    CommandRunner,
    TimelineQueries,
    PositionQueries,
    RelationQueries,
    AccusationQueries,
    AlertQueries,
  ],
})
export class ApplicationModule {}
