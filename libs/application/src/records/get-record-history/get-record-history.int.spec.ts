import { NotFoundException } from '@nestjs/common';
import { AddActorAliasCommand } from '../../actors/add-actor-alias/add-actor-alias.command';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';
import { GetRecordHistoryQuery } from './get-record-history.query';

describe('GetRecordHistoryQuery', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, 'russia', 'nato');
    await h.commands.execute(
      new AddActorAliasCommand('russia', { alias: 'Moscow' }, h.context('key:historian')),
    );
  });
  afterAll(() => h.close());

  const history = (kind: 'actor' | 'statement' | 'source', id: string) =>
    h.queries.execute(new GetRecordHistoryQuery(kind, id));

  it("answers a record's events oldest first, with versions, data and metadata", async () => {
    const { id, events } = await history('actor', 'russia');
    expect(id).toBe('russia');
    expect(events.map((e) => [e.version, e.type])).toEqual([
      [1, 'ActorRegistered'],
      [2, 'ActorAliasAdded'],
    ]);
    expect(events[1]).toMatchObject({
      data: { actorId: 'russia', alias: 'Moscow' },
      metadata: { userId: 'key:historian' },
    });
    expect(events[0].recordedAt.getTime()).toBeLessThanOrEqual(events[1].recordedAt.getTime());
    expect(new Set(events.map((e) => e.eventId)).size).toBe(2);
  });

  it('serves every kind by its own id shape (a statement by uuid)', async () => {
    const statementId = await recordStatement(h, await registerSource(h));
    const { events } = await history('statement', statementId);
    expect(events.map((e) => e.type)).toEqual(['StatementRecorded']);
  });

  it('answers 404 for a record not on record, and invalid (naming <kind>Id) for a malformed id', async () => {
    await expect(history('actor', 'atlantis')).rejects.toThrow(NotFoundException);
    await expect(history('source', '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      NotFoundException,
    );
    await expect(history('statement', 'russia')).rejects.toMatchObject({
      category: 'invalid',
      field: 'statementId',
    });
  });
});
