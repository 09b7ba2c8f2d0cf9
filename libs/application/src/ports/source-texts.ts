import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SourceEvent, sourceStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { References } from './references';

type Registered = Extract<SourceEvent, { type: 'SourceRegistered' }>;

/** What a statement's span is checked against: the text of the source it cites. */
@Injectable()
export class SourceTexts {
  constructor(
    @Inject(PostgresEventStore) private readonly store: PostgresEventStore,
    @Inject(References) private readonly references: References,
  ) {}

  /**
   * The text length of a referenced source (null without text; in UTF-16 code units, as spans
   * count them); 422 naming `field` when it is not on record. The registration is always a
   * source's first event, so one row answers without folding the source.
   */
  async lengthOf(
    sourceId: unknown,
    field: string,
    manager?: EntityManager,
  ): Promise<number | null> {
    if (typeof sourceId !== 'string') return null;
    const [first] = await this.store.readStream(sourceStreamId(sourceId), { manager, maxCount: 1 });
    if (first === undefined) {
      await this.references.require('source', [{ field, id: sourceId }], manager);
      return null;
    }
    return (first as unknown as Registered).data.text?.length ?? null;
  }
}
