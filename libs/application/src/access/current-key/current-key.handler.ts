import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { allows, Permission } from '@app/access';
import { CurrentKeyQuery } from './current-key.query';

const PERMISSIONS: Permission[] = ['read', 'write', 'audit', 'admin'];

@QueryHandler(CurrentKeyQuery)
export class CurrentKeyHandler implements IQueryHandler<CurrentKeyQuery> {
  execute({ apiKey }: CurrentKeyQuery) {
    return Promise.resolve({
      keyId: apiKey.keyId,
      name: apiKey.name,
      role: apiKey.role,
      permissions: PERMISSIONS.filter((permission) => allows(apiKey.role, permission)),
    });
  }
}
