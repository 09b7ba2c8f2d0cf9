import { NotFoundException } from '@nestjs/common';
import { Client } from 'pg';
import { API_KEY_REVOKED_CHANNEL } from '@app/access';
import { CreateKeyCommand } from '../create-key/create-key.command';
import { createHarness, Harness } from '../../testing/harness';
import { ApiKeyRevokedEvent, RevokeKeyCommand } from './revoke-key.command';

describe('RevokeKeyCommand', () => {
  let h: Harness;
  let listener: Client;
  const published: ApiKeyRevokedEvent[] = [];
  const notified: string[] = [];
  beforeAll(async () => {
    h = await createHarness();
    h.events.subscribe((event) => {
      if (event instanceof ApiKeyRevokedEvent) published.push(event);
    });
    if (h.config.database.mode !== 'postgres') throw new Error('the harness runs on Postgres');
    listener = new Client({ connectionString: h.config.database.url });
    await listener.connect();
    listener.on('notification', (message) => notified.push(message.payload ?? ''));
    await listener.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
  });
  afterAll(async () => {
    await listener.end();
    await h.close();
  });

  const revoke = (keyId: string) => h.commands.execute(new RevokeKeyCommand(keyId));
  const revokedAt = async (keyId: string) =>
    (await h.dataSource.query(`SELECT revoked_at FROM api_keys WHERE key_id = $1`, [keyId]))[0]
      .revoked_at;

  it('revokes an active key, publishes ApiKeyRevokedEvent and notifies other processes', async () => {
    const { keyId } = await h.commands.execute(
      new CreateKeyCommand({ name: 'ci', role: 'analyst' }),
    );
    await revoke(keyId);
    expect(await revokedAt(keyId)).toBeInstanceOf(Date);
    expect(published).toEqual([new ApiKeyRevokedEvent(keyId)]);
    for (let waited = 0; notified.length === 0 && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(notified).toEqual([keyId]);

    // Once: the key is no longer active, so a second revocation is a 404 and announces nothing.
    await expect(revoke(keyId)).rejects.toThrow(NotFoundException);
    expect(published).toHaveLength(1);
  });

  it('answers 404 for a key id that is malformed or not on record, announcing nothing', async () => {
    await expect(revoke('NOT-A-KEY-ID')).rejects.toThrow(NotFoundException);
    await expect(revoke('zzzzzzzzzzzz')).rejects.toThrow(NotFoundException);
    expect(published).toHaveLength(1);
  });
});
