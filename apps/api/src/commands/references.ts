import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  actorStreamId,
  propositionStreamId,
  ruleBroken,
  sourceStreamId,
  statementStreamId,
} from '@app/domain';
import { PostgresEventStore } from '@app/event-store';

/** A reference from a command to another record, with the input field it came from. */
export interface Reference {
  field: string;
  id: string;
}

const STREAM_OF = {
  actor: actorStreamId,
  source: sourceStreamId,
  statement: statementStreamId,
  proposition: propositionStreamId,
};

/** Checks that referenced records exist before a command is decided (422 naming the field if not). */
@Injectable()
export class References {
  constructor(@Inject(PostgresEventStore) private readonly store: PostgresEventStore) {}

  async require(
    kind: keyof typeof STREAM_OF,
    references: Reference[],
    manager: EntityManager,
    except: string[] = [],
  ): Promise<void> {
    const wanted = references.filter((ref) => !except.includes(ref.id));
    const existing = await this.store.existingStreams(
      wanted.map((ref) => STREAM_OF[kind](ref.id)),
      { manager },
    );
    const missing = wanted.find((ref) => !existing.has(STREAM_OF[kind](ref.id)));
    if (missing) {
      throw ruleBroken(
        `unknown-${kind}`,
        `${missing.field} refers to ${kind} "${missing.id}", which is not on record`,
        missing.field,
      );
    }
  }
}
