import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  actorStreamId,
  propositionStreamId,
  ruleBroken,
  slug,
  sourceStreamId,
  statementStreamId,
  uuid,
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

/** The shape of each kind's id, checked before any lookup (400 naming the field). */
const ID_OF: Record<keyof typeof STREAM_OF, (value: unknown, field: string) => string> = {
  actor: slug,
  source: uuid,
  statement: uuid,
  proposition: slug,
};

/** Checks that referenced records exist before a command is decided (422 naming the field if not). */
@Injectable()
export class References {
  constructor(@Inject(PostgresEventStore) private readonly store: PostgresEventStore) {}

  async require(
    kind: keyof typeof STREAM_OF,
    references: Reference[],
    manager?: EntityManager,
    except: string[] = [],
  ): Promise<void> {
    await this.requireAll({ [kind]: references }, manager, except);
  }

  /** Several kinds of reference checked in one query; the first missing one (in order) is named. */
  async requireAll(
    references: References_,
    manager?: EntityManager,
    except: string[] = [],
  ): Promise<void> {
    const check = referenceCheck(references, except);
    const existing = await this.store.existingStreams(check.streamIds, { manager });
    check.assertFound(check.streamIds.filter((id) => !existing.has(id)));
  }
}

type References_ = Partial<Record<keyof typeof STREAM_OF, Reference[]>>;

/**
 * The streams a command's references name, and the 422 for those not on record (the first
 * missing reference in order is named). For checks done elsewhere, e.g. by the append itself.
 */
export function referenceCheck(references: References_, except: string[] = []) {
  const wanted = (Object.entries(references) as Array<[keyof typeof STREAM_OF, Reference[]]>)
    .flatMap(([kind, refs]) =>
      refs.map((ref) => {
        const id = ID_OF[kind](ref.id, ref.field);
        return { kind, field: ref.field, id, stream: STREAM_OF[kind](id) };
      }),
    )
    .filter((ref) => !except.includes(ref.id));
  return {
    streamIds: [...new Set(wanted.map((ref) => ref.stream))],
    assertFound(missingStreamIds: string[]): void {
      const missing = wanted.find((ref) => missingStreamIds.includes(ref.stream));
      if (missing)
        throw ruleBroken(
          `unknown-${missing.kind}`,
          `${missing.field} refers to ${missing.kind} "${missing.id}", which is not on record`,
          missing.field,
        );
    },
  };
}
