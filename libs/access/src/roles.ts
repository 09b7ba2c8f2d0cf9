/** Who may do what. Every route needs one of these permissions. */
export const ROLES = ['viewer', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Permission = 'read' | 'write' | 'audit' | 'admin';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  analyst: ['read', 'write'],
  auditor: ['read', 'audit'],
  admin: ['read', 'write', 'audit', 'admin'],
};

export function allows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
