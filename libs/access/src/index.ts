export * from './api-keys';
export * from './roles';
import { ApiKeys1764400000000 } from './migrations/1764400000000-api-keys';
import { Idempotency1764500000000 } from './migrations/1764500000000-idempotency';

export const ACCESS_MIGRATIONS = [ApiKeys1764400000000, Idempotency1764500000000];
