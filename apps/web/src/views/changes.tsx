// What changed between two times: every change the record learned in a window of recorded
// time (GET /audit/changes), oldest first, with who, why and — for corrections — before/after.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { BeforeAfter } from '../components/before-after';
import { Field, MoreButton, useForm, usePaged } from '../components/kit';
import {
  ActorLink,
  Badge,
  ErrorBox,
  ExportButtons,
  Loading,
  Section,
  StatementLink,
} from '../components/ui';
import { dateText } from '../format';
import { useReady } from '../hooks';
import { href, route, setQuery } from '../router';
import { session } from '../session';
import { useSignal } from '../signal';

type S = string | null;
type Values = Record<string, unknown> | null;
type AuditRecord = { kind: string; id: string; version: number | null; href: S };
type AuditChange = {
  id: string;
  at: string;
  change: string;
  record: AuditRecord;
  summary: string;
} & {
  who: S;
  why: S;
  before: Values;
  after: Values;
  eventId: S;
  eventType: S;
  correlationId: S;
};
type ChangesPage = { from: string; to: string; items: AuditChange[]; nextCursor: S };

const WEEK = 7 * 86_400_000;

/** datetime-local wants local "YYYY-MM-DDTHH:mm"; the API wants an ISO instant. */
function toLocalInput(iso: string | undefined): string {
  const date = new Date(iso ?? '');
  if (!iso || Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
function toIso(local: string): string | undefined {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
function RecordLink({ record }: { record: AuditRecord }) {
  const id = record.id;
  const link =
    record.kind === 'statement' ? (
      <StatementLink id={id} />
    ) : record.kind === 'actor' ? (
      <ActorLink id={id} />
    ) : record.kind === 'alert' ? (
      <a href={href('/alerts')}>{id.slice(0, 8)}</a>
    ) : (
      <code>{id.length > 36 ? `${id.slice(0, 8)}…` : id}</code>
    );
  return (
    <span class="record">
      {record.kind} {link}
      {record.version ? ` (version ${record.version})` : ''}
    </span>
  );
}

function ChangeItem({ item }: { item: AuditChange }) {
  return (
    <li class="row change" data-testid="change" data-change={item.change}>
      <p>
        <time dateTime={item.at}>{dateText(item.at)}</time>{' '}
        <Badge kind={item.change.split('.')[0]}>{item.change}</Badge>{' '}
        <RecordLink record={item.record} />
      </p>
      <p class="summary">{item.summary}</p>
      <dl class="facts">
        <dt>Who</dt>
        <dd>{item.who ?? <span class="muted">not recorded</span>}</dd>
        <dt>Why</dt>
        <dd>{item.why ?? <span class="muted">no reason given</span>}</dd>
      </dl>
      <BeforeAfter before={item.before} after={item.after} />
    </li>
  );
}

function WindowForm({ from, to }: { from: string; to: string | undefined }) {
  const form = useForm('changes', { from: toLocalInput(from), to: toLocalInput(to) });
  useEffect(() => form.set({ from: toLocalInput(from), to: toLocalInput(to) }), [from, to]);
  const apply = (event: Event) => {
    event.preventDefault();
    setQuery({ from: toIso(form.values.from), to: toIso(form.values.to) });
  };
  return (
    <form class="toolbar" aria-label="Time window" onSubmit={apply}>
      <Field label="From (recorded on or after)" bind={form.bind('from')} type="datetime-local" />
      <Field label="To (before; empty: now)" bind={form.bind('to')} type="datetime-local" />
      <button type="submit">Show changes</button>
      <button type="button" onClick={() => setQuery({ from: undefined, to: undefined })}>
        Last 7 days
      </button>
    </form>
  );
}

export function ChangesView() {
  const query = useSignal(route).query;
  const canAudit = session.can('audit');
  const [opened] = useState(() => Date.now());
  const from = query.get('from') ?? new Date(opened - WEEK).toISOString();
  // No `to` asked for: up to now (the API's default), so the newest changes are never cut off;
  // later pages keep the end the first page answered with.
  const to = query.get('to') ?? undefined;
  const paged = usePaged<AuditChange, ChangesPage>(
    (more, firstPage) =>
      canAudit
        ? get<ChangesPage>('/audit/changes', { from, to: firstPage?.to ?? to, ...more })
        : Promise.resolve({ from, to: '', items: [], nextCursor: null }),
    [from, to, canAudit],
    100,
  );
  const { first, items } = paged;
  const page = first.data;
  const forbidden = !canAudit || first.error?.status === 403;
  useReady('changes', [forbidden || (!first.loading && (!!page || !!first.error))]);
  const rows = () =>
    items.map((i) => ({
      at: i.at,
      change: i.change,
      recordKind: i.record.kind,
      recordId: i.record.id,
      version: i.record.version,
      who: i.who,
      why: i.why,
      summary: i.summary,
      before: i.before,
      after: i.after,
      eventId: i.eventId,
      correlationId: i.correlationId,
    }));
  const title = page ? `${items.length} change${items.length === 1 ? '' : 's'} shown` : 'Changes';
  if (forbidden)
    return (
      <div class="changes-view">
        <h1>What changed between two times</h1>
        <p class="error" role="alert" data-testid="needs-auditor">
          An auditor (or admin) key is needed to see what changed.
        </p>
      </div>
    );
  return (
    <div class="changes-view">
      <h1>What changed between two times</h1>
      <WindowForm from={from} to={to} />
      <Section
        title={title}
        id="change-list"
        actions={<ExportButtons name="changes" rows={rows} />}
      >
        {page && (
          <p class="muted">
            Recorded from {dateText(page.from)} to {dateText(page.to)}, oldest first.
          </p>
        )}
        <Loading when={first.loading} what="changes" />
        <ErrorBox error={first.error} />
        {page && items.length === 0 && <p class="muted">Nothing changed in this window.</p>}
        <ol class="list changes">
          {items.map((item) => (
            <ChangeItem key={item.id} item={item} />
          ))}
        </ol>
        <MoreButton paged={paged} what="changes" />
      </Section>
    </div>
  );
}
