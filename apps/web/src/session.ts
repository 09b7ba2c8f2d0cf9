// The signed-in API key lives in sessionStorage only: it goes when the tab closes.
import { signal } from './signal';

export type Role = 'viewer' | 'analyst' | 'auditor' | 'admin';
export interface Who {
  keyId: string;
  name: string;
  role: Role;
  permissions: string[];
}

const STORAGE = 'statement-tracker.key';

export const who = signal<Who | null>(null);
export const signedOutBecause = signal<string | null>(null);

export const session = {
  key(): string | null {
    try {
      return sessionStorage.getItem(STORAGE);
    } catch {
      return null;
    }
  },
  keep(key: string, identity: Who): void {
    sessionStorage.setItem(STORAGE, key);
    signedOutBecause.set(null);
    who.set(identity);
  },
  signOut(reason: string | null = null): void {
    sessionStorage.removeItem(STORAGE);
    signedOutBecause.set(reason);
    who.set(null);
  },
  can(permission: 'read' | 'write' | 'audit' | 'admin'): boolean {
    return who.get()?.permissions.includes(permission) ?? false;
  },
};
