import { Query } from '@nestjs/cqrs';
import type { ApiKey, Permission } from '@app/access';

export interface CurrentKey {
  keyId: string;
  name: string;
  role: ApiKey['role'];
  permissions: Permission[];
}

/** The key a request was made with and what it may do (any role; never the secret). */
export class CurrentKeyQuery extends Query<CurrentKey> {
  constructor(readonly apiKey: ApiKey) {
    super();
  }
}
