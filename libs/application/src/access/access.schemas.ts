import { Type } from '@sinclair/typebox';
import { ROLES } from '@app/access';
import { Body, named, Nullable, OneOf, Text } from '../shared/schema';

export const CreateKeyBody = Body('CreateKey', { name: Text(200), role: OneOf(ROLES) });

const keyMembers = {
  keyId: Type.String({ pattern: '^[a-z0-9]{12}$' }),
  name: Type.String(),
  role: OneOf(ROLES),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
};
export const ApiKeySchema = named('ApiKey', Type.Object(keyMembers));
export const CreatedKeySchema = named(
  'CreatedKey',
  Type.Object({
    ...keyMembers,
    key: Type.String({
      pattern: '^st_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$',
      description: 'The key itself: shown once, never stored',
    }),
  }),
);
export const KeyListSchema = named('KeyList', Type.Object({ keys: Type.Array(ApiKeySchema) }));
export const CurrentKeySchema = named(
  'CurrentKey',
  Type.Object({
    keyId: keyMembers.keyId,
    name: keyMembers.name,
    role: keyMembers.role,
    permissions: Type.Array(OneOf(['read', 'write', 'audit', 'admin'] as const), {
      description: 'what this key may do: read (viewer), write (analyst), audit, admin',
    }),
  }),
);
