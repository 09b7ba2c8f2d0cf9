import type { ComponentChildren } from 'preact';
import { ApiError } from '../api';
import { download } from '../download';
import { href } from '../router';

export function ErrorBox({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error.status ? `${error.status} — ` : ''}
      {error.message}
      {error.field ? ` (field: ${error.field})` : ''}
    </p>
  );
}

export function Loading({ when, what }: { when: boolean; what: string }) {
  return when ? (
    <p class="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  ) : null;
}

export function Section(props: {
  title: string;
  id?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const id = props.id ?? props.title.toLowerCase().replace(/\W+/g, '-');
  return (
    <section class="panel" aria-labelledby={`${id}-title`}>
      <div class="panel-head">
        <h2 id={`${id}-title`}>{props.title}</h2>
        {props.actions && <div class="panel-actions">{props.actions}</div>}
      </div>
      {props.children}
    </section>
  );
}

/** "Export CSV / JSON" of exactly the rows a view shows. */
export function ExportButtons(props: { name: string; rows: () => Record<string, unknown>[] }) {
  return (
    <span class="export">
      <button type="button" onClick={() => download(props.name, 'csv', props.rows())}>
        Export CSV
      </button>
      <button type="button" onClick={() => download(props.name, 'json', props.rows())}>
        Export JSON
      </button>
    </span>
  );
}

export function ActorLink({ id, name }: { id: string | null | undefined; name?: string | null }) {
  if (!id) return <span class="muted">—</span>;
  return <a href={href(`/actors/${encodeURIComponent(id)}`)}>{name ?? id}</a>;
}

export function StatementLink({ id, children }: { id: string; children?: ComponentChildren }) {
  return <a href={href(`/statements/${encodeURIComponent(id)}`)}>{children ?? id.slice(0, 8)}</a>;
}

export function Badge({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`badge badge-${kind}`}>{children}</span>;
}
