// The small form and paging kit of the views that write or page (alerts, review, changes).
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useLoad } from '../hooks';
import { ErrorBox } from './ui';

type S = string | null;

export const asError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError(0, String(e), undefined, undefined);

export type Bound = { id: string; value: string; onInput: (e: Event) => void };

/** Form values and a `bind` giving each control its id, value and input handler. */
export function useForm<T extends Record<string, string>>(prefix: string, initial: T) {
  const [values, setValues] = useState(initial);
  const bind = (name: keyof T & string): Bound => ({
    id: `${prefix}-${name}`,
    value: values[name] ?? '',
    onInput: (e) => setValues((v) => ({ ...v, [name]: (e.target as HTMLInputElement).value })),
  });
  return { values, bind, set: setValues };
}

type FieldProps = { label: string; bind: Bound; rows?: number; type?: string; required?: boolean };

/** A labelled input, textarea (rows) or select (options: [value, label]). */
export function Field(props: FieldProps & { options?: [string, string][]; max?: number }) {
  const { bind, options } = props;
  const common = { ...bind, required: props.required, maxLength: props.max };
  const control = options ? (
    <select {...bind} onChange={bind.onInput}>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  ) : props.rows ? (
    <textarea {...common} rows={props.rows} />
  ) : (
    <input {...common} type={props.type ?? 'text'} />
  );
  return (
    <div class="field">
      <label for={bind.id}>{props.label}</label>
      {control}
    </div>
  );
}

/** Runs a write: busy meanwhile, its problem kept for an ErrorBox. */
export function useAction() {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(asError(failure));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

type PageOf<T> = { items: T[]; nextCursor: S };
type More = { limit: number; cursor?: string };

/**
 * A cursor-paged list: the first page (loaded again on `deps` and on `first.reload`, as long as
 * what is shown, so a reload after an action keeps the reader's place) and the pages after it.
 */
export function usePaged<T, P extends PageOf<T>>(
  load: (more: More, firstPage?: P) => Promise<P>,
  deps: unknown[],
  size: number,
) {
  const key = JSON.stringify(deps);
  const shown = useRef({ key, count: size });
  const first = useLoad(() => {
    if (shown.current.key !== key) shown.current = { key, count: size };
    return load({ limit: Math.min(500, Math.max(size, shown.current.count)) });
  }, [key]);
  const [more, setMore] = useState<{ base?: P; items: T[]; next: S }>({ items: [], next: null });
  const [error, setError] = useState<ApiError>();
  const extra = first.data && more.base === first.data ? more : undefined;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (first.data?.nextCursor ?? null);
  shown.current.count = items.length;
  const loadMore = async () => {
    const base = first.data;
    setError(undefined);
    try {
      const got = await load({ limit: size, cursor: next ?? undefined }, base);
      setMore({ base, items: [...(extra?.items ?? []), ...got.items], next: got.nextCursor });
    } catch (failure) {
      setError(asError(failure));
    }
  };
  return { first, items, next, loadMore, error };
}

type Paging = { error?: ApiError; next: S; loadMore: () => void };

/** "Load more" while there is a next page, and the problem of the last try. */
export function MoreButton(props: { paged: Paging; what: string }) {
  return (
    <>
      <ErrorBox error={props.paged.error} />
      {props.paged.next && (
        <button type="button" onClick={props.paged.loadMore}>
          Load more {props.what}
        </button>
      )}
    </>
  );
}
