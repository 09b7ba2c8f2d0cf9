import { Query } from '@nestjs/cqrs';
import type { ApiKey } from '@app/access';

/** Every key, active and revoked (never their secrets). */
export class ListKeysQuery extends Query<{ keys: ApiKey[] }> {}
