import { ApiKeys, Role, ROLES } from '@app/access';

/** `keys create|list|revoke`; returns the exit code. */
export async function keyCommand(
  keys: ApiKeys,
  args: string[],
  options: { json?: boolean; role?: string; name?: string },
): Promise<number> {
  const [action, keyId] = args;
  const out = (json: unknown, text: string) =>
    process.stdout.write(options.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
  switch (action) {
    case 'create': {
      if (!options.role || !ROLES.includes(options.role as Role) || !options.name?.trim()) {
        process.stderr.write(`keys create needs --role (${ROLES.join('|')}) and --name\n`);
        return 2;
      }
      const { key, apiKey } = await keys.create(options.name.trim(), options.role as Role);
      out(
        { ...apiKey, key },
        `${key}\n(${apiKey.role} key ${apiKey.keyId} "${apiKey.name}": shown once, store it now)`,
      );
      return 0;
    }
    case 'list': {
      const list = await keys.list();
      out(
        { keys: list },
        list
          .map(
            (k) =>
              `${k.keyId}  ${k.role.padEnd(8)} ${k.revokedAt ? 'revoked' : 'active '}  ${k.name}`,
          )
          .join('\n') || '(no keys)',
      );
      return 0;
    }
    case 'revoke': {
      if (!keyId) {
        process.stderr.write('keys revoke needs a key id\n');
        return 2;
      }
      const revoked = await keys.revoke(keyId);
      out({ keyId, revoked }, revoked ? `revoked ${keyId}` : `no active key ${keyId}`);
      return revoked ? 0 : 1;
    }
    default:
      process.stderr.write(
        'usage: cli keys <create --role R --name N | list | revoke <keyId>> [--json]\n',
      );
      return 2;
  }
}
