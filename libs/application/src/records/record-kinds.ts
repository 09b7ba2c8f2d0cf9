import {
  accusationStreamId,
  actorStreamId,
  propositionStreamId,
  slug,
  sourceStreamId,
  statementStreamId,
  uuid,
} from '@app/domain';

/** The records the API serves by id: how each id is checked and which stream holds it. */
export const RECORD_KINDS = {
  actor: { id: slug, stream: actorStreamId },
  source: { id: uuid, stream: sourceStreamId },
  statement: { id: uuid, stream: statementStreamId },
  accusation: { id: uuid, stream: accusationStreamId },
  proposition: { id: slug, stream: propositionStreamId },
} as const;

export type RecordKind = keyof typeof RECORD_KINDS;

/** The stream of a record, after checking its id (400 naming `<kind>Id` when malformed). */
export function recordStream(kind: RecordKind, id: unknown): string {
  const { id: check, stream } = RECORD_KINDS[kind];
  return stream(check(id, `${kind}Id`));
}
