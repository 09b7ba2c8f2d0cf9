// Alerts: what the rules flag (reversals, contradictions, possible misattributions), with the
// evidence side by side, and the analysts' review: dismiss, reopen, correct the attribution.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post } from '../api';
import { EvidencePanel } from '../components/evidence';
import { ActorLink, Badge, ErrorBox, ExportButtons, Loading, Section } from '../components/ui';
import { dateText } from '../format';
import { useLive, useReady } from '../hooks';
import { useNames } from '../names';
import { route, setQuery, timeParams } from '../router';
import { session } from '../session';
import { useSignal } from '../signal';
import type { Alert } from '../types';
import { Field, MoreButton, useAction, useForm, usePaged } from '../components/kit';

type Review = { state?: string; reason?: string; reviewedBy?: string | null; at?: string };
type Shown = Alert & { dateBasis?: string; review?: Review };
type AlertPage = { total: number; alerts: Shown[]; nextCursor: string | null };
/** 300: the actor filter is a name several actors share; the problem lists them. */
type Ambiguous = { detail?: string; candidates: { actorId: string; name?: string }[] };
type Names = Record<string, string>;

const TYPES: Record<string, string> = {
  'stance-reversal': 'Stance reversal',
  'self-contradiction': 'Self-contradiction',
  'out-of-character': 'Out of character',
  'self-directed-hostility': 'Self-directed hostility',
};
const STATES: [string, string][] = [
  ['', 'Open and dismissed'],
  ['open', 'Open'],
  ['dismissed', 'Dismissed'],
  ['cleared', 'Cleared (its evidence changed since)'],
];
const PAST: Record<string, string> = { supports: 'supported', opposes: 'opposed' };
const BASIS: Record<string, string> = {
  reported: ' (the day it was reported: said date unknown)',
  recorded: ' (the day it was recorded: said and reported dates unknown)',
};

/** The rule's reason in plain words, from its code and details. */
export function reasonText(alert: Alert, names: Names): string {
  const d = alert.details;
  const who = (id: unknown) => (typeof id === 'string' ? (names[id] ?? id) : 'someone');
  const subject = who(alert.actorId);
  const on = `${String(d.stance ?? '')} “${String(d.propositionId ?? '?')}”`;
  const before = (s: unknown) => PAST[String(s)] ?? String(s);
  const kind = String(d.kind ?? 'statement');
  const a = /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
  const maybe = ' — possibly misattributed.';
  switch (alert.reason) {
    case 'stance-changed':
      return `${subject} now ${on}; it ${before(d.previousStance)} it before.`;
    case 'opposite-stance':
      return `${subject} ${on}, contradicting itself (it ${before(d.previousStance)} it earlier).`;
    case 'contradicts-established-position':
      return `${subject} ${on}, against its established position (it ${before(d.establishedStance)} it twice before)${maybe}`;
    case 'attacks-ally':
      return `${subject} made a hostile ${kind} against ${who(d.targetId)}, after ${String(d.earlierStatements ?? 'several')} friendly statements about it${maybe}`;
    case 'attacks-itself':
      return `${subject} aims ${a} at itself${maybe}`;
    case 'attacks-own-body':
      return `${subject} aims ${a} at a body it belongs to${maybe}`;
    default:
      return `${subject}: ${alert.reason.replace(/-/g, ' ')}.`;
  }
}

function FilterBar({ query }: { query: URLSearchParams }) {
  const names = ['state', 'type', 'actor', 'from', 'to'];
  const read = () => Object.fromEntries(names.map((n) => [n, query.get(n) ?? '']));
  const form = useForm('alerts', read());
  useEffect(() => form.set(read()), [query.toString()]);
  const types: [string, string][] = [['', 'Any type'], ...Object.entries(TYPES)];
  return (
    <form
      class="toolbar"
      aria-label="Filter alerts"
      onSubmit={(e) => (e.preventDefault(), setQuery(form.values))}
    >
      <Field label="State" bind={form.bind('state')} options={STATES} />
      <Field label="Type" bind={form.bind('type')} options={types} />
      <Field label="Actor (id, name or alias)" bind={form.bind('actor')} type="search" />
      <Field label="Said from" bind={form.bind('from')} type="date" />
      <Field label="Said to" bind={form.bind('to')} type="date" />
      <button type="submit">Apply filters</button>
      <button type="button" onClick={() => setQuery(Object.fromEntries(names.map((n) => [n, ''])))}>
        Clear filters
      </button>
    </form>
  );
}

/** Inline form for a dismissal, a reopening or a correction: always with a reason. */
function ActionForm(props: {
  id: string;
  title: string;
  submit: string;
  correct?: boolean;
  onSubmit: (values: Record<string, string>) => Promise<void>;
  onCancel: () => void;
}) {
  const form = useForm(props.id, { reason: '', member: 'principalId', actor: '' });
  const action = useAction();
  const box = useRef<HTMLFormElement>(null);
  useEffect(() => box.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  const send = (event: Event) => {
    event.preventDefault();
    void action.run(() => props.onSubmit(form.values));
  };
  const members: [string, string][] = [
    ['principalId', 'Principal (on whose behalf it was said)'],
    ['speakerId', 'Speaker (who said it)'],
  ];
  return (
    <form ref={box} class="action-form" aria-label={props.title} onSubmit={send}>
      {props.correct && (
        <>
          <Field label="Attribution to correct" bind={form.bind('member')} options={members} />
          <Field
            label="Correct actor id (e.g. european-union)"
            bind={form.bind('actor')}
            required
          />
        </>
      )}
      <Field
        label="Reason (kept on record)"
        bind={form.bind('reason')}
        rows={2}
        required
        max={1000}
      />
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy || !form.values.reason.trim()}>
        {action.busy ? 'Sending…' : props.submit}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

function Evidence({ alert }: { alert: Alert }) {
  const [open, setOpen] = useState<string[]>([]);
  const n = alert.evidence.length;
  const toggle = (id: string) =>
    setOpen((o) => (o.includes(id) ? o.filter((x) => x !== id) : [...o, id]));
  return (
    <div class="alert-evidence">
      <ul class="list evidence-cards" aria-label="Evidence, oldest first">
        {alert.evidence.map((id, i) => (
          <li key={id}>
            <button type="button" aria-pressed={open.includes(id)} onClick={() => toggle(id)}>
              Statement {i + 1} of {n}
              {i === n - 1 ? ' (raised the alert)' : ' (earlier)'} · {id.slice(0, 8)}
            </button>
          </li>
        ))}
      </ul>
      {n > 1 && (
        <button type="button" onClick={() => setOpen(open.length === n ? [] : alert.evidence)}>
          {open.length === n ? 'Hide the evidence' : 'Compare all side by side'}
        </button>
      )}
      {open.length > 0 && (
        <div class="grid-2 evidence-side">
          {alert.evidence
            .filter((id) => open.includes(id))
            .map((id) => (
              <EvidencePanel key={id} statementId={id} onClose={() => toggle(id)} />
            ))}
        </div>
      )}
    </div>
  );
}

function AlertActions(props: { alert: Alert; label: string; onDone: (message: string) => void }) {
  const { alert, label } = props;
  const [form, setForm] = useState<'review' | 'correct' | null>(null);
  const buttons = useRef<HTMLDivElement>(null);
  const close = () => {
    const opener = form === 'correct' ? 1 : 0;
    setForm(null);
    setTimeout(() =>
      buttons.current?.querySelectorAll<HTMLElement>('[aria-expanded]')[opener]?.focus(),
    );
  };
  const correction = alert.actions.find((a) => a.action === 'correct-attribution');
  const dismissed = alert.state === 'dismissed';
  const id = `alert-${alert.alertId}`;
  if (alert.state === 'cleared') return null;
  // The actions name the dismissal; a reopening has no entry there, but its path is known.
  const review = async ({ reason }: Record<string, string>) => {
    const path = `/alerts/${encodeURIComponent(alert.alertId)}`;
    const dismissal = alert.actions.find((a) => a.action === 'dismiss')?.href;
    await post(dismissed ? `${path}/reopening` : (dismissal ?? `${path}/dismissal`), {
      reason: reason.trim(),
    });
    props.onDone(`${dismissed ? 'Reopened' : 'Dismissed'} the ${alert.reason} alert on ${label}.`);
  };
  const correct = async ({ reason, member, actor }: Record<string, string>) => {
    await post(correction!.href, { changes: { [member]: actor.trim() }, reason: reason.trim() });
    props.onDone(
      `Corrected the statement’s ${member.replace('Id', '')}; the alerts are re-checked.`,
    );
  };
  const toggle = (which: 'review' | 'correct') => setForm(form === which ? null : which);
  return (
    <div class="alert-actions" ref={buttons}>
      <button
        type="button"
        aria-expanded={form === 'review'}
        aria-label={`${dismissed ? 'Reopen' : 'Dismiss'} alert ${alert.reason} on ${label}`}
        onClick={() => toggle('review')}
      >
        {dismissed ? 'Reopen…' : 'Dismiss…'}
      </button>
      {correction && (
        <button
          type="button"
          aria-expanded={form === 'correct'}
          title={correction.hint}
          onClick={() => toggle('correct')}
        >
          Correct the attribution…
        </button>
      )}
      {form === 'review' && (
        <ActionForm
          id={`${id}-review`}
          title={dismissed ? 'Reopen the alert' : 'Dismiss the alert'}
          submit={dismissed ? 'Confirm reopening' : 'Confirm dismissal'}
          onSubmit={review}
          onCancel={close}
        />
      )}
      {form === 'correct' && correction && (
        <ActionForm
          id={`${id}-correct`}
          title={`Correct the attribution of statement ${correction.href.split('/')[2]?.slice(0, 8)}, the one that raised the alert`}
          submit="Send the correction"
          correct
          onSubmit={correct}
          onCancel={close}
        />
      )}
    </div>
  );
}

type ItemProps = { alert: Shown; names: Names; canAct: boolean; onDone: (m: string) => void };

function AlertItem({ alert, names, canAct, onDone }: ItemProps) {
  const title = `alert-${alert.alertId}-title`;
  const review = alert.review;
  return (
    <li
      class="alert row"
      data-testid="alert"
      data-alert-id={alert.alertId}
      data-state={alert.state}
      aria-labelledby={title}
    >
      <h3 id={title}>
        <Badge kind={alert.type}>{TYPES[alert.type] ?? alert.type}</Badge>{' '}
        <ActorLink id={alert.actorId} name={names[alert.actorId]} />{' '}
        <Badge kind={`state-${alert.state}`}>{alert.state}</Badge>
      </h3>
      <p class="reason">{reasonText(alert, names)}</p>
      <dl class="facts">
        <dt>Said</dt>
        <dd>
          {dateText(alert.saidOn)}
          {BASIS[alert.dateBasis ?? 'said'] ?? ''}
        </dd>
        <dt>Raised</dt>
        <dd>
          {dateText(alert.raisedAt)}
          {alert.clearedAt && `; cleared ${dateText(alert.clearedAt)}`}
        </dd>
        {review?.reason && <dt>Review</dt>}
        {review?.reason && (
          <dd>
            {review.state} by {review.reviewedBy ?? 'an analyst'} ({dateText(review.at)}): “
            {review.reason}”
          </dd>
        )}
        <dt>Parties</dt>
        <dd>
          {alert.partyIds.flatMap((id, i) => [
            i ? ', ' : '',
            <ActorLink key={id} id={id} name={names[id]} />,
          ])}
        </dd>
      </dl>
      <Evidence alert={alert} />
      {canAct && (
        <AlertActions alert={alert} label={names[alert.actorId] ?? alert.actorId} onDone={onDone} />
      )}
    </li>
  );
}

function exportRows(alerts: Shown[], names: Names) {
  return alerts.map((a) => ({
    alertId: a.alertId,
    type: a.type,
    reason: a.reason,
    explanation: reasonText(a, names),
    actorId: a.actorId,
    actor: names[a.actorId] ?? a.actorId,
    saidOn: a.saidOn,
    state: a.state,
    parties: a.partyIds.join(' '),
    evidence: a.evidence.join(' '),
    raisedAt: a.raisedAt,
    clearedAt: a.clearedAt,
  }));
}

export function AlertsView() {
  const query = useSignal(route).query;
  const time = timeParams();
  const filters = ['state', 'type', 'actor', 'from', 'to'].map((n) => query.get(n));
  const [state, type, actorId, from, to] = filters;
  const params = { state, type, actorId, from, to, knownAt: time.knownAt, asOf: time.asOf };
  const paged = usePaged<Shown, AlertPage & { items: Shown[]; ambiguous?: Ambiguous }>(
    async (more) => {
      const got = await get<AlertPage | Ambiguous>('/alerts', { ...params, ...more });
      if ('candidates' in got)
        return { total: 0, alerts: [], items: [], nextCursor: null, ambiguous: got };
      return { ...got, items: got.alerts };
    },
    Object.values(params),
    50,
  );
  const { first, items: alerts } = paged;
  const [status, setStatus] = useState('');
  const names = useNames(alerts.flatMap((a) => [a.actorId, ...a.partyIds]));
  useLive((c) => c.change.startsWith('alert.'), first.reload);
  useReady('alerts', [!first.loading && (!!first.data || !!first.error)]);
  const page = first.data;
  const ambiguous = page?.ambiguous;
  const writer = session.can('write');
  // The read models apply a review a moment after it is recorded (no live event announces
  // it): read again now and a few times more while they catch up.
  const onDone = (message: string) => {
    setStatus(message);
    for (const ms of [0, 300, 1000, 2500, 5000]) setTimeout(first.reload, ms);
  };
  const total =
    page && !ambiguous ? `${page.total} alert${page.total === 1 ? '' : 's'}` : 'Matching alerts';
  return (
    <div class="alerts-view">
      <h1>Alerts</h1>
      <FilterBar query={query} />
      <p role="status" class="status">
        {status}
      </p>
      {!writer && <p class="muted">Sign in with an analyst key to act on alerts.</p>}
      {writer && time.knownAt && <p class="muted">Viewing the past: go back to now to act.</p>}
      <Section
        title={total}
        id="alert-list"
        actions={<ExportButtons name="alerts" rows={() => exportRows(alerts, names)} />}
      >
        <Loading when={first.loading} what="alerts" />
        <ErrorBox error={first.error} />
        {ambiguous && (
          <div role="alert">
            <p>{ambiguous.detail ?? 'That name fits several actors.'} Choose one:</p>
            {ambiguous.candidates.map((c) => (
              <button key={c.actorId} type="button" onClick={() => setQuery({ actor: c.actorId })}>
                {c.name ?? c.actorId} ({c.actorId})
              </button>
            ))}
          </div>
        )}
        {page && !ambiguous && alerts.length === 0 && <p class="muted">No alerts match.</p>}
        <ol class="list alerts">
          {alerts.map((a) => (
            <AlertItem
              key={a.alertId}
              alert={a}
              names={names}
              canAct={writer && !time.knownAt}
              onDone={onDone}
            />
          ))}
        </ol>
        <MoreButton paged={paged} what="alerts" />
      </Section>
    </div>
  );
}
