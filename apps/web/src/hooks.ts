import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { live } from './live';
import { timeParams } from './router';
import type { LiveChange } from './sse';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `deps` change (and on `reload`), keeping the last answer while a new
 * one is on its way; a late answer to an older request never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  // A layout effect: the request starts as the view is rendered, not a frame later.
  useLayoutEffect(() => {
    const mine = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === latest.current && setState({ data, loading: false }),
      (error: unknown) =>
        mine === latest.current &&
        setState((s) => ({
          data: s.data,
          loading: false,
          error:
            error instanceof ApiError
              ? error
              : new ApiError(0, String(error), undefined, undefined),
        })),
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload } as Loaded<T>;
}

/**
 * Calls `onChange` for each live change that `matters` (debounced a little, so a burst of
 * statements costs one reload). Silent while viewing the past: what was known then is fixed.
 */
export function useLive(matters: (change: LiveChange) => boolean, onChange: () => void): void {
  const matter = useRef(matters);
  const change = useRef(onChange);
  matter.current = matters;
  change.current = onChange;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = live.subscribe((c) => {
      if (timeParams().knownAt || !matter.current(c)) return;
      clearTimeout(timer);
      timer = setTimeout(() => change.current(), 150);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}

/** Marks the view ready (body[data-ready=name]) once every part has said so. */
export function useReady(name: string, parts: boolean[]): void {
  const done = parts.every(Boolean);
  useLayoutEffect(() => {
    if (done) {
      performance.mark(`ready:${name}`);
      document.body.dataset.ready = name;
    } else if (document.body.dataset.ready === name) delete document.body.dataset.ready;
  }, [done, name]);
  useEffect(
    () => () => {
      if (document.body.dataset.ready === name) delete document.body.dataset.ready;
    },
    [name],
  );
}
