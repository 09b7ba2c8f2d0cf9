import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api';
import { statementIds, StatementRow } from '../components/statement-row';
import { ErrorBox, Loading, Section } from '../components/ui';
import { useLive, useLoad, useReady } from '../hooks';
import { remember, useNames } from '../names';
import { href, navigate, timeParams } from '../router';
import type { Actor, Alert, Page, StatementItem } from '../types';
import { reasonText } from './alerts';

/** Actor search as you type (name or alias), with arrow keys through the suggestions. */
export function ActorSearch({ autoFocus = false }: { autoFocus?: boolean }) {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 120);
    return () => clearTimeout(timer);
  }, [q]);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const found = useLoad(
    () =>
      debounced
        ? get<{ items: Actor[] }>('/actors', { q: debounced, limit: 8 })
        : Promise.resolve({ items: [] as Actor[] }),
    [debounced],
  );
  const items = debounced ? (found.data?.items ?? []) : [];
  for (const actor of items) remember(actor.actorId, actor.name);
  const open = (actor: Actor) => navigate(`/actors/${encodeURIComponent(actor.actorId)}`);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, items.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && items.length > 0) open(items[Math.max(active, 0)]);
    else return;
    event.preventDefault();
  };
  return (
    <div class="search-box" role="search">
      <label for="actor-search">Find an actor by name or alias</label>
      <input
        id="actor-search"
        ref={input}
        type="search"
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls="actor-suggestions"
        aria-activedescendant={active >= 0 ? `actor-option-${active}` : undefined}
        autocomplete="off"
        placeholder="e.g. Beijing, NATO, Zelensky"
        value={q}
        onInput={(e) => {
          setQ((e.target as HTMLInputElement).value);
          setActive(-1);
        }}
        onKeyDown={onKey}
      />
      <ErrorBox error={found.error} />
      {items.length > 0 && (
        <ul id="actor-suggestions" class="suggestions" role="listbox" aria-label="Actors found">
          {items.map((actor, i) => (
            <li
              key={actor.actorId}
              id={`actor-option-${i}`}
              role="option"
              aria-selected={i === active}
            >
              <a
                href={href(`/actors/${encodeURIComponent(actor.actorId)}`)}
                data-testid="actor-suggestion"
              >
                <strong>{actor.name}</strong>
                {actor.aliases.length > 0 && (
                  <span class="muted"> — also {actor.aliases.slice(0, 3).join(', ')}</span>
                )}
                <span class="muted"> · {actor.kind}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {debounced && !found.loading && items.length === 0 && (
        <p class="muted" role="status">
          No actor is called “{debounced}”.
        </p>
      )}
    </div>
  );
}

export function HomeView() {
  const time = timeParams();
  const recent = useLoad(
    () => get<Page<StatementItem>>('/statements', { limit: 15, ...time }),
    [time.knownAt, time.asOf],
  );
  const alerts = useLoad(
    () => get<{ total: number; alerts: Alert[] }>('/alerts', { state: 'open', limit: 5, ...time }),
    [time.knownAt, time.asOf],
  );
  useLive((c) => c.change.startsWith('statement.'), recent.reload);
  useLive((c) => c.change.startsWith('alert.'), alerts.reload);
  const items = recent.data?.items ?? [];
  const names = useNames([
    ...statementIds(items),
    ...(alerts.data?.alerts ?? []).map((a) => a.actorId),
  ]);
  useReady('home', [!!recent.data, !!alerts.data]);
  return (
    <div>
      <h1>Overview</h1>
      <Section title="Find an actor">
        <ActorSearch autoFocus />
        <p class="muted">
          Or look at <a href={href('/network')}>who accuses whom</a>, the{' '}
          <a href={href('/alerts')}>alerts</a> on what looks out of character or misattributed, and{' '}
          <a href={href('/search')}>search every statement</a>. The time controls above show any
          view as it was known at an earlier moment.
        </p>
      </Section>
      <div class="grid-2">
        <Section title="Latest statements">
          <Loading when={recent.loading && !recent.data} what="statements" />
          <ErrorBox error={recent.error} />
          {recent.data && items.length === 0 && (
            <p class="muted">
              {time.knownAt || time.asOf
                ? 'Nothing had been recorded (or said) by the time chosen above.'
                : 'No statement is recorded yet.'}
            </p>
          )}
          <ul class="list" data-testid="recent-statements">
            {items.map((s) => (
              <StatementRow key={s.statementId} statement={s} names={names} />
            ))}
          </ul>
        </Section>
        <Section title="Open alerts">
          <ErrorBox error={alerts.error} />
          {alerts.data && (
            <p>
              <a href={href('/alerts')}>{alerts.data.total} open</a>
            </p>
          )}
          <ul class="list">
            {(alerts.data?.alerts ?? []).map((a) => (
              <li key={a.alertId}>
                <strong>{reasonText(a, names)}</strong> —{' '}
                <a href={href(`/actors/${encodeURIComponent(a.actorId)}`)}>
                  {names[a.actorId] ?? a.actorId}
                </a>{' '}
                <span class="muted">{a.saidOn}</span>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </div>
  );
}
