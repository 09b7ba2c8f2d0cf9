import { useEffect, useState } from 'preact/hooks';
import { get } from './api';

// Actor names by id, looked up once per tab (ids are stable; names rarely change).
const cache = new Map<string, Promise<string>>();
/** Names that came with other answers (an actor page, its counterparts, search results). */
const learned = new Map<string, string>();
/** Answers on their way that will bring names: a lookup waits for them before asking itself. */
const coming = new Set<Promise<unknown>>();

export function remember(actorId: string, name: string): void {
  learned.set(actorId, name);
  if (!cache.has(actorId)) cache.set(actorId, Promise.resolve(name));
}

/**
 * Names that `answer` will bring (a view's own call that lists actors with their names): until
 * it settles, lookups wait for it instead of asking the API one actor at a time.
 */
export function namesFrom(answer: Promise<Array<{ actorId: string; name?: string | null }>>): void {
  const settled = answer.then(
    (actors) => {
      for (const a of actors) if (a.name) remember(a.actorId, a.name);
    },
    () => undefined,
  );
  coming.add(settled);
  void settled.then(() => coming.delete(settled));
}

export function actorName(actorId: string): Promise<string> {
  let name = cache.get(actorId);
  if (!name) {
    name = Promise.all([...coming]).then(
      () =>
        learned.get(actorId) ??
        get<{ name: string }>(`/actors/${encodeURIComponent(actorId)}`).then(
          (actor) => actor.name,
          () => actorId,
        ),
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
