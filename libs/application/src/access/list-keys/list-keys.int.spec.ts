import { CreateKeyCommand } from '../create-key/create-key.command';
import { RevokeKeyCommand } from '../revoke-key/revoke-key.command';
import { createHarness, Harness } from '../../testing/harness';
import { ListKeysQuery } from './list-keys.query';

describe('ListKeysQuery', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  it('lists no keys on a fresh database', async () => {
    expect(await h.queries.execute(new ListKeysQuery())).toEqual({ keys: [] });
  });

  it('lists every key, active and revoked, oldest first, never with its secret', async () => {
    const reader = await h.commands.execute(
      new CreateKeyCommand({ name: 'reader', role: 'viewer' }),
    );
    const admin = await h.commands.execute(new CreateKeyCommand({ name: 'ops', role: 'admin' }));
    await h.commands.execute(new RevokeKeyCommand(reader.keyId));
    const { keys } = await h.queries.execute(new ListKeysQuery());
    expect(keys).toEqual([
      {
        keyId: reader.keyId,
        name: 'reader',
        role: 'viewer',
        createdAt: expect.any(Date),
        revokedAt: expect.any(Date),
      },
      {
        keyId: admin.keyId,
        name: 'ops',
        role: 'admin',
        createdAt: expect.any(Date),
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(keys)).not.toContain(admin.key.split('_')[2]);
  });
});
