import { Command } from '@nestjs/cqrs';

/** Revoke a key at once, in every process (404 when there is no active key with that id). */
export class RevokeKeyCommand extends Command<void> {
  constructor(readonly keyId: string) {
    super();
  }
}

/** Published in-process after a revocation, so caches here forget the key at once. */
export class ApiKeyRevokedEvent {
  constructor(readonly keyId: string) {}
}
