// The signed-in API key lives in sessionStorage only: it goes when the tab closes.
import { signal } from './signal';

const STORAGE = 'statement-tracker.key';

export type Role = 'viewer' | 'analyst' | 'auditor' | 'admin';
export interface Who {
  keyId: string;
  name: string;
  role: Role;
  permissions: string[];
}

export const who = signal<Who | null>(null);
export const signedOutBecause = signal<string | null>(null);
/** Whether a key is kept: views render at once and the key is checked meanwhile. */
export const hasKey = signal<boolean>(storedKey() !== null);

function storedKey(): string | null {
  try {
    return sessionStorage.getItem(STORAGE);
  } catch {
    return null;
  }
}

export const session = {
  key: storedKey,
  keep(key: string, identity: Who): void {
    sessionStorage.setItem(STORAGE, key);
    signedOutBecause.set(null);
    who.set(identity);
    hasKey.set(true);
  },
  signOut(reason: string | null = null): void {
    sessionStorage.removeItem(STORAGE);
    signedOutBecause.set(reason);
    who.set(null);
    hasKey.set(false);
  },
  can(permission: 'read' | 'write' | 'audit' | 'admin'): boolean {
    return who.get()?.permissions.includes(permission) ?? false;
  },
};
