import { route, setQuery } from '../router';
import { useSignal } from '../signal';

/** A date (or other) input bound to one hash-query parameter of the current view. */
export function QueryInput(props: { label: string; name: string; type?: string }) {
  const value = useSignal(route).query.get(props.name) ?? '';
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'date'}
        value={value}
        onChange={(e) =>
          setQuery({ [props.name]: (e.target as HTMLInputElement).value || undefined })
        }
      />
    </label>
  );
}

/** A select bound to one hash-query parameter; the first option ('' = any) removes it. */
export function QuerySelect(props: {
  label: string;
  name: string;
  options: (string | [string, string])[];
  fallback?: string;
}) {
  const value = useSignal(route).query.get(props.name) ?? props.fallback ?? '';
  return (
    <label>
      {props.label}
      <select
        value={value}
        onChange={(e) => {
          const chosen = (e.target as HTMLSelectElement).value;
          setQuery({ [props.name]: chosen === (props.fallback ?? '') ? undefined : chosen });
        }}
      >
        {props.options.map((option) => {
          const [v, text] = typeof option === 'string' ? [option, option] : option;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </select>
    </label>
  );
}

/** A search box that sets one hash-query parameter when its form is sent. */
export function QuerySearch(props: { label: string; name: string; placeholder?: string }) {
  const value = useSignal(route).query.get(props.name) ?? '';
  return (
    <label>
      {props.label}
      <input type="search" name={props.name} defaultValue={value} placeholder={props.placeholder} />
    </label>
  );
}

/** Sends the named search boxes of a filter form to the hash query. */
export function submitSearch(names: string[]) {
  return (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    setQuery(
      Object.fromEntries(names.map((n) => [n, String(form.get(n) ?? '').trim() || undefined])),
    );
  };
}
