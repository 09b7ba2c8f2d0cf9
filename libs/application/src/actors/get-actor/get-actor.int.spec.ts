import { NotFoundException } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { AddActorAliasCommand } from '../add-actor-alias/add-actor-alias.command';
import { actorStreamId, registerActors } from '../../testing/fixtures';
import { createHarness, Harness, pause } from '../../testing/harness';
import { GetActorQuery } from './get-actor.query';

describe('GetActorQuery', () => {
  let h: Harness;
  let registeredAt: Date;
  beforeAll(async () => {
    h = await createHarness();
    await registerActors(h, { actorId: 'russia', name: 'Russia', kind: 'state' });
    await pause();
    await h.commands.execute(new AddActorAliasCommand('russia', { alias: 'Moscow' }, h.context()));
    registeredAt = (await h.streamEvents(actorStreamId('russia')))[0].recordedAt;
  });
  afterAll(() => h.close());

  const get = (actorId: string, knownAt?: Date) =>
    h.queries.execute(new GetActorQuery(actorId, knownAt));

  it('reads the actor as it stands, with its stream version', async () => {
    expect(await get('russia')).toEqual({
      version: 2,
      view: expect.objectContaining({ actorId: 'russia', name: 'Russia', aliases: ['Moscow'] }),
    });
  });

  it('reads it as it stood at knownAt: the version and names it had then', async () => {
    const then = await get('russia', registeredAt);
    expect(then.version).toBe(1);
    expect(then.view.aliases).toEqual([]);
    const before = new Date(registeredAt.getTime() - 1);
    await expect(get('russia', before)).rejects.toThrow(NotFoundException);
    await expect(get('russia', before)).rejects.toThrow(/as of/);
  });

  it('answers 404 for a name nothing has, and 400 (invalid actorId) for one no name can be', async () => {
    await expect(get('atlantis')).rejects.toThrow(NotFoundException);
    // Not an id, but it could be a name or an alias.
    await expect(get('Not A Slug')).rejects.toThrow(NotFoundException);
    for (const malformed of ['', 'x'.repeat(201), 'tab\there']) {
      const error = await get(malformed).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ category: 'invalid', field: 'actorId' });
    }
  });
});
