// Hash routes (#/actors/china?knownAt=…): the API owns every real path, so the app never
// shadows one, and a link to a view as it was known at a time can be shared.
import { signal } from './signal';

export interface Route {
  path: string;
  parts: string[];
  query: URLSearchParams;
}

/** Query parameters that belong to every view (time travel) and follow each navigation. */
const STICKY = ['knownAt', 'asOf'];

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = text.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { path: `/${parts.join('/')}`, parts, query: new URLSearchParams(search) };
}

export const route = signal<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

if (typeof window !== 'undefined')
  window.addEventListener('hashchange', () => {
    // A new view (or new parameters) is not ready until it says so again.
    delete document.body.dataset.ready;
    route.set(parseHash(location.hash));
  });

export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const current = route.get().query;
  const params = new URLSearchParams();
  for (const name of STICKY) {
    const value = current.get(name);
    if (value && !(name in query)) params.set(name, value);
  }
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export function navigate(path: string, query: Record<string, string | undefined> = {}): void {
  location.hash = href(path, query);
}

/** Changes query parameters of the current view (undefined removes one). */
export function setQuery(changes: Record<string, string | undefined>): void {
  const current = route.get();
  const params = new URLSearchParams(current.query);
  for (const [name, value] of Object.entries(changes))
    if (value) params.set(name, value);
    else params.delete(name);
  const search = params.toString();
  location.hash = `#${current.path}${search ? `?${search}` : ''}`;
}

/** The time-travel parameters every read sends: knownAt (what we knew) and asOf (said by). */
export function timeParams(): { knownAt?: string; asOf?: string } {
  const query = route.get().query;
  return {
    knownAt: query.get('knownAt') ?? undefined,
    asOf: query.get('asOf') ?? undefined,
  };
}
