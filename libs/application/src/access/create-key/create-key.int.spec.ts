import { createHash } from 'node:crypto';
import { createHarness, Harness } from '../../testing/harness';
import { CreateKeyCommand } from './create-key.command';

describe('CreateKeyCommand', () => {
  let h: Harness;
  beforeAll(async () => (h = await createHarness()));
  afterAll(() => h.close());

  const create = (input: Record<string, unknown>) =>
    h.commands.execute(new CreateKeyCommand(input));
  const rows = () =>
    h.dataSource.query(
      `SELECT key_id, name, role, secret_hash, revoked_at FROM api_keys ORDER BY created_at`,
    );

  it('creates a key for a role and shows its secret once: only a hash of it is stored', async () => {
    const created = await create({ name: ' CI pipeline ', role: 'analyst' });
    expect(created).toMatchObject({ name: 'CI pipeline', role: 'analyst', revokedAt: null });
    expect(created.createdAt).toBeInstanceOf(Date);
    const match = /^st_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(created.key);
    expect(match?.[1]).toBe(created.keyId);
    const [row] = await rows();
    expect(row).toMatchObject({
      key_id: created.keyId,
      name: 'CI pipeline',
      role: 'analyst',
      revoked_at: null,
    });
    expect(Buffer.from(row.secret_hash)).toEqual(createHash('sha256').update(match![2]).digest());
    expect(JSON.stringify(await rows())).not.toContain(match![2]);
  });

  it('refuses a role that does not exist and an empty name, storing no key', async () => {
    const before = (await rows()).length;
    await expect(create({ name: 'x', role: 'superuser' })).rejects.toMatchObject({
      category: 'invalid',
      field: 'role',
    });
    await expect(create({ name: '  ', role: 'viewer' })).rejects.toMatchObject({
      category: 'invalid',
      field: 'name',
    });
    expect(await rows()).toHaveLength(before);
  });
});
