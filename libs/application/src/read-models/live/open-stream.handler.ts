import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { invalid } from '@app/domain';
import { ACTOR_IDS_SQL, parseChangeId } from '@app/projections';
import { ActorLookup } from '../../actors/actor-lookup';
import { LiveChanges } from './live-changes';
import { OpenStreamQuery, OpenedStream, ReadChangesQuery } from './open-stream.query';

@QueryHandler(OpenStreamQuery)
export class OpenStreamHandler implements IQueryHandler<OpenStreamQuery> {
  constructor(
    @Inject(LiveChanges) private readonly live: LiveChanges,
    @Inject(ActorLookup) private readonly actors: ActorLookup,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async execute({ input }: OpenStreamQuery): Promise<OpenedStream> {
    const { lastEventId } = input;
    if (lastEventId !== undefined && parseChangeId(lastEventId) === null)
      throw invalid(
        'Last-Event-ID',
        'Last-Event-ID must be the id of an event this stream sent ("<transaction>-<sequence>")',
      );
    let followed: Pick<OpenedStream, 'actorId' | 'actorIds'> = {};
    if (input.actorId !== undefined) {
      const { actorId } = await this.actors.resolve(input.actorId);
      const [row] = await this.dataSource.query(ACTOR_IDS_SQL, [actorId]);
      followed = { actorId, actorIds: row?.ids ?? [actorId] };
    }
    const after = lastEventId ?? (await this.live.head());
    return { after, ...followed };
  }
}

@QueryHandler(ReadChangesQuery)
export class ReadChangesHandler implements IQueryHandler<ReadChangesQuery> {
  constructor(@Inject(LiveChanges) private readonly live: LiveChanges) {}

  execute({ after, actorIds, limit }: ReadChangesQuery) {
    return this.live.read(after, limit, actorIds);
  }
}
