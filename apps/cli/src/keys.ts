import { NotFoundException } from '@nestjs/common';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateKeyCommand, ListKeysQuery, RevokeKeyCommand } from '@app/application';
import { EXIT } from './options';

/**
 * `keys create|list|revoke`, through the same use cases as the api's /keys; returns the exit
 * code. (--role and --name are checked by the parser.)
 */
export async function keyCommand(
  buses: { commands: CommandBus; queries: QueryBus },
  action: 'create' | 'list' | 'revoke',
  options: { json?: boolean; role?: string; name?: string; keyId?: string },
): Promise<number> {
  const out = (json: unknown, text: string) =>
    process.stdout.write(options.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
  switch (action) {
    case 'create': {
      const created = await buses.commands.execute(
        new CreateKeyCommand({ name: options.name?.trim(), role: options.role }),
      );
      out(
        created,
        `${created.key}\n(${created.role} key ${created.keyId} "${created.name}": shown once, store it now)`,
      );
      return EXIT.ok;
    }
    case 'list': {
      const { keys } = await buses.queries.execute(new ListKeysQuery());
      out(
        { keys },
        keys
          .map(
            (k) =>
              `${k.keyId}  ${k.role.padEnd(8)} ${k.revokedAt ? 'revoked' : 'active '}  ${k.name}`,
          )
          .join('\n') || '(no keys)',
      );
      return EXIT.ok;
    }
    case 'revoke': {
      const keyId = options.keyId!;
      try {
        await buses.commands.execute(new RevokeKeyCommand(keyId));
      } catch (error) {
        if (!(error instanceof NotFoundException)) throw error;
        out({ keyId, revoked: false }, `no active key ${keyId}`);
        return EXIT.problem;
      }
      out({ keyId, revoked: true }, `revoked ${keyId}`);
      return EXIT.ok;
    }
  }
}
