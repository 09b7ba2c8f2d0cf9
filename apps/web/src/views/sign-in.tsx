import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { session, signedOutBecause, Who } from '../session';
import { useSignal } from '../signal';

/** Sign-in with an API key; the key is kept in this tab's session storage only. */
export function SignIn() {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const because = useSignal(signedOutBecause);
  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Enter an API key.');
    setBusy(true);
    setError(null);
    try {
      const identity = await request<Who>('GET', '/keys/current', undefined, trimmed);
      session.keep(trimmed, identity);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? 'That key is unknown or revoked.'
          : String((failure as Error).message),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>statement-tracker</h1>
      <p>Who said what about whom — positions, accusations, alerts and their history.</p>
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autocomplete="off"
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {(error || because) && (
          <p id="sign-in-error" class="error" role="alert">
            {error ?? 'Your key stopped working; sign in again.'}
          </p>
        )}
      </form>
      <p id="sign-in-help" class="muted">
        Viewers look; analysts can also dismiss alerts, correct attributions and review articles;
        auditors see what changed. On the embedded default the admin key is in{' '}
        <code>.data/admin-key</code>. The key stays in this tab only.
      </p>
    </main>
  );
}
