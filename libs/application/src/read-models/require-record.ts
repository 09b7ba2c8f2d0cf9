import { NotFoundException } from '@nestjs/common';
import { PostgresEventStore } from '@app/event-store';
import { RECORD_KINDS, RecordKind } from '../records/record-kinds';

/** The record a read-model query is about exists (404 otherwise); returns its checked id. */
export async function requireRecord(
  store: PostgresEventStore,
  kind: RecordKind,
  id: unknown,
): Promise<string> {
  const checked = RECORD_KINDS[kind].id(id, `${kind}Id`);
  if (!(await store.streamInfo(RECORD_KINDS[kind].stream(checked))))
    throw new NotFoundException(`${kind} ${checked} not found`);
  return checked;
}
