import { useEffect, useState } from 'preact/hooks';
import { get } from './api';

// Actor names by id, looked up once per tab (ids are stable; names rarely change).
const cache = new Map<string, Promise<string>>();

export function remember(actorId: string, name: string): void {
  if (!cache.has(actorId)) cache.set(actorId, Promise.resolve(name));
}

export function actorName(actorId: string): Promise<string> {
  let name = cache.get(actorId);
  if (!name) {
    name = get<{ name: string }>(`/actors/${encodeURIComponent(actorId)}`).then(
      (actor) => actor.name,
      () => actorId,
    );
    cache.set(actorId, name);
  }
  return name;
}

export function useNames(ids: (string | null | undefined)[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].sort().join('\u0000');
  useEffect(() => {
    let live = true;
    const list = wanted ? wanted.split('\u0000') : [];
    void Promise.all(list.map(async (id) => [id, await actorName(id)] as const)).then(
      (pairs) => live && setNames(Object.fromEntries(pairs)),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return names;
}
