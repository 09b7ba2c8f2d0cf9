// Key management (admin): create, list, revoke; and who a key is (any role).
import { CurrentKeyHandler } from './current-key/current-key.handler';
import { CreateKeyHandler } from './create-key/create-key.handler';
import { ListKeysHandler } from './list-keys/list-keys.handler';
import { RevokeKeyHandler } from './revoke-key/revoke-key.handler';
export * from './create-key/create-key.command';
export * from './current-key/current-key.query';
export * from './list-keys/list-keys.query';
export * from './revoke-key/revoke-key.command';

export const ACCESS_HANDLERS = [
  CreateKeyHandler,
  CurrentKeyHandler,
  ListKeysHandler,
  RevokeKeyHandler,
];
export * from './access.schemas';
