import { route, setQuery } from '../router';
import { useSignal } from '../signal';

/** datetime-local wants local "YYYY-MM-DDTHH:mm:ss"; the API wants an ISO instant. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

/**
 * As known at (what the record said at an instant) and as of (only what had been said by a
 * date): both live in the URL, so every view re-renders with them and a link keeps them.
 */
export function TimeTravel() {
  const current = useSignal(route);
  const knownAt = current.query.get('knownAt');
  const asOf = current.query.get('asOf');
  return (
    <form class="time-travel" aria-label="Time travel" onSubmit={(e) => e.preventDefault()}>
      <label title="What the record said at that instant (your local time): later corrections, retractions and additions are left out">
        As known at
        <input
          type="datetime-local"
          step={1}
          data-testid="known-at"
          value={toLocalInput(knownAt)}
          onChange={(e) => {
            const value = (e.target as HTMLInputElement).value;
            setQuery({ knownAt: value ? new Date(value).toISOString() : undefined });
          }}
        />
      </label>
      <label title="Only what had been said by that date (the date statements were made)">
        As of
        <input
          type="date"
          data-testid="as-of"
          value={asOf ?? ''}
          onChange={(e) => setQuery({ asOf: (e.target as HTMLInputElement).value || undefined })}
        />
      </label>
      {knownAt && (
        <span class="muted" data-testid="known-at-utc">
          = {new Date(knownAt).toISOString().replace('T', ' ').slice(0, 19)} UTC
        </span>
      )}
      {(knownAt || asOf) && (
        <button type="button" onClick={() => setQuery({ knownAt: undefined, asOf: undefined })}>
          Back to now
        </button>
      )}
    </form>
  );
}
