import { Command } from '@nestjs/cqrs';
import type { ApiKey } from '@app/access';

/** A new API key for a role; the full key is in the result once and never again. */
export class CreateKeyCommand extends Command<ApiKey & { key: string }> {
  constructor(readonly input: { name?: unknown; role?: unknown }) {
    super();
  }
}
