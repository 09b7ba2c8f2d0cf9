import { Query } from '@nestjs/cqrs';

/** Where a live stream starts and whom it follows. */
export interface OpenedStream {
  /** The change id it goes on after (null: from the first change). */
  after: string | null;
  /** The actor followed with the actors merged into it; undefined: everyone. */
  actorIds?: string[];
  /** The canonical id of the actor asked for (an alias resolves to it). */
  actorId?: string;
}

/** Open a live stream: check the resume point, resolve the actor filter. */
export class OpenStreamQuery extends Query<OpenedStream> {
  constructor(readonly input: { actorId?: string; lastEventId?: string }) {
    super();
  }
}

/** The changes after a position, of the actors given, and the position read through. */
export class ReadChangesQuery extends Query<{
  changes: import('@app/projections').Change[];
  through: string | null;
}> {
  constructor(
    readonly after: string | null,
    readonly actorIds: string[] | undefined,
    readonly limit: number,
  ) {
    super();
  }
}
