// Review: an analyst pastes an article (POST /sources), the extractor proposes statements
// (candidates), and each is accepted — edited if need be — or rejected, beside the highlighted text.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { ActorLink, Badge, ErrorBox, Loading, Section, StatementLink } from '../components/ui';
import { dateText } from '../format';
import { useLoad, useReady } from '../hooks';
import { href, navigate, timeParams } from '../router';
import { session } from '../session';
import { Field, useAction, useForm } from '../components/kit';

type S = string | null;
type Meta = { sourceId: string; url: S; publisher: S; title: S; publishedAt: S };
type Counts = { proposed: number; accepted: number; rejected: number };
type Source = Meta & { text: S; candidates: Counts; existing?: boolean };
type SourceRow = Meta & { hasText: boolean };
type Named = { id: string; name: string; proposed: boolean };
type Status = 'proposed' | 'accepted' | 'rejected';
type Parties = { speaker: Named; principal: Named | null; targets: Named[] };
type Proposal = { candidateId: string; kind: string; quote: S; allegation: S; confidence: number };
type Review = { status: Status; statementId: S; reason: S; span: { start: number; end: number } };
type Candidate = Parties & Proposal & Review;
type Candidates = { extractor: { name: string; version: string } | null; candidates: Candidate[] };
/** What the article and the candidate list share: the selection and the review's state. */
type Shared = { sourceId: string; canEdit: boolean; selected?: string; onDone: Done };
type Done = (message: string) => void;
type Select = (id: string, focus: 'candidate' | 'mark') => void;

const KINDS = 'statement appeal pledge praise criticism accusation denial rejection warning';
const pairs = (words: string) => words.split(' ').map((w): [string, string] => [w, w]);
const ACTOR_KINDS: [string, string][] = [
  ['', 'do not register'],
  ...pairs('state organisation government-body person group'),
];
/** A message to show once the page of the source just registered opens. */
let arrival = '';

function NewSourceForm() {
  const form = useForm('source', { url: '', title: '', publisher: '', publishedAt: '', text: '' });
  const action = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    const v = form.values;
    const at = v.publishedAt ? new Date(v.publishedAt) : null;
    void action.run(async () => {
      const source = await post<Source>('/sources', {
        url: v.url.trim() || null,
        title: v.title.trim() || null,
        publisher: v.publisher.trim() || null,
        publishedAt: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null,
        text: v.text,
      });
      arrival = source.existing
        ? 'This text was already on record: here is its review.'
        : `Registered; the extractor proposed ${source.candidates.proposed} statement(s).`;
      navigate(`/review/${encodeURIComponent(source.sourceId)}`);
    });
  };
  return (
    <Section title="Paste an article">
      <form class="source-form" onSubmit={submit}>
        <Field label="Address (URL)" bind={form.bind('url')} type="url" />
        <Field label="Title" bind={form.bind('title')} max={500} />
        <Field label="Publisher" bind={form.bind('publisher')} max={200} />
        <Field
          label="Published at (local time)"
          bind={form.bind('publishedAt')}
          type="datetime-local"
        />
        <Field label="Article text" bind={form.bind('text')} rows={16} required max={200000} />
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy || !form.values.text.trim()}>
          {action.busy ? 'Registering…' : 'Register and extract statements'}
        </button>
      </form>
    </Section>
  );
}

function SourceList() {
  const list = useLoad(() => get<{ items: SourceRow[] }>('/sources', { limit: 20 }), []);
  useReady('review', [!list.loading && (!!list.data || !!list.error)]);
  return (
    <Section title="Recent sources">
      <Loading when={list.loading} what="sources" />
      <ErrorBox error={list.error} />
      <ul class="list">
        {list.data?.items.map((s) => (
          <li key={s.sourceId} class="row">
            <a href={href(`/review/${encodeURIComponent(s.sourceId)}`)}>
              {s.title ?? s.url ?? s.sourceId}
            </a>
            <span class="muted">
              {' '}
              {[s.publisher, s.publishedAt && dateText(s.publishedAt)].filter(Boolean).join(' · ')}
              {!s.hasText && ' (no text kept: nothing to review)'}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** The article with each candidate's span marked; a mark selects its candidate. */
function ArticleText(props: { text: string; candidates: Candidate[]; at: Shared; select: Select }) {
  const { text } = props;
  const parts: ComponentChildren[] = [];
  let at = 0;
  const ordered = props.candidates
    .map((c, i) => ({ c, n: i + 1 }))
    .sort((a, b) => a.c.span.start - b.c.span.start);
  for (const { c, n } of ordered) {
    // Overlapping spans: the later one is marked from where the earlier ends.
    const start = Math.max(c.span.start, at);
    const end = Math.min(c.span.end, text.length);
    if (end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    const chosen = props.at.selected === c.candidateId;
    const pick = () => props.select(c.candidateId, 'candidate');
    parts.push(
      <mark
        key={c.candidateId}
        id={`mark-${c.candidateId}`}
        class={`candidate-mark status-${c.status}${chosen ? ' selected' : ''}`}
        data-kind={c.kind}
        role="button"
        tabIndex={0}
        aria-pressed={chosen}
        onClick={pick}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), pick())}
      >
        <span class="mark-label">
          [{n}: {c.kind}, {c.status}]
        </span>{' '}
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(text.slice(at));
  return (
    <div class="article-text" style={{ whiteSpace: 'pre-wrap' }}>
      {parts}
    </div>
  );
}

function Who({ actor }: { actor: Named | null }) {
  if (!actor) return <span class="muted">none (speaks for itself)</span>;
  if (!actor.proposed) return <ActorLink id={actor.id} name={actor.name} />;
  return (
    <span>
      {actor.name} <code>{actor.id}</code> <Badge kind="proposed">not on record</Badge>
    </span>
  );
}

function CandidateFacts({ c }: { c: Candidate }) {
  const rows: [string, ComponentChildren][] = [
    ['Speaker', <Who actor={c.speaker} />],
    ['Principal', <Who actor={c.principal} />],
    ['Kind', c.kind],
    ['Quote', c.quote ? `“${c.quote}”` : 'none'],
    ['Allegation', c.allegation ?? 'none'],
    [
      'About',
      c.targets.length
        ? c.targets.flatMap((t, i) => [i ? ', ' : '', <Who key={t.id} actor={t} />])
        : '—',
    ],
    ['Stances', 'none proposed by the extractor (add them on the statement once recorded)'],
    ['Confidence', `${Math.round(c.confidence * 100)}%`],
  ];
  return (
    <dl class="facts">
      {rows.map(([term, value]) => [
        <dt key={`t-${term}`}>{term}</dt>,
        <dd key={`d-${term}`}>{value}</dd>,
      ])}
    </dl>
  );
}

function proposedActors(c: Candidate): Named[] {
  const all = [c.speaker, c.principal, ...c.targets].filter((a): a is Named => !!a && a.proposed);
  return all.filter((a, i) => all.findIndex((b) => b.id === a.id) === i);
}

/** The analyst's edits, sent as `changes` (only what differs), with the actors to register. */
function acceptBody(c: Candidate, d: Record<string, string>) {
  const changes: Record<string, unknown> = {};
  const speaker = d.speakerId.trim();
  const principal = d.principalId.trim() || null;
  const targets = d.targets.split(/[\s,]+/).filter(Boolean);
  const quote = d.quote.trim() || null;
  if (speaker !== c.speaker.id) changes.speakerId = speaker;
  if (principal !== (c.principal?.id ?? null)) changes.principalId = principal;
  if (d.kind !== c.kind) changes.kind = d.kind;
  if (quote !== c.quote) changes.quote = quote;
  if (d.summary.trim()) changes.summary = d.summary.trim();
  if (targets.join(' ') !== c.targets.map((t) => t.id).join(' ')) changes.targetIds = targets;
  const used = new Set([speaker, principal, ...targets]);
  const newActors = proposedActors(c)
    .filter((a) => used.has(a.id) && d[`new:${a.id}`])
    .map((a) => ({ actorId: a.id, name: a.name, kind: d[`new:${a.id}`] }));
  return { changes, ...(newActors.length ? { newActors } : {}) };
}

function ReviewForms(props: { c: Candidate; at: Shared }) {
  const { c } = props;
  const base = `cand-${c.candidateId}`;
  const short = c.candidateId.slice(0, 8);
  const form = useForm<Record<string, string>>(base, {
    speakerId: c.speaker.id,
    principalId: c.principal?.id ?? '',
    kind: c.kind,
    quote: c.quote ?? '',
    summary: '',
    targets: c.targets.map((t) => t.id).join(', '),
    reason: '',
  });
  const action = useAction();
  const path = `/sources/${encodeURIComponent(props.at.sourceId)}/candidates/${encodeURIComponent(c.candidateId)}`;
  const accept = (event: Event) => {
    event.preventDefault();
    void action.run(async () => {
      const got = await post<{ as: string }>(`${path}/acceptance`, acceptBody(c, form.values));
      props.at.onDone(
        got.as === 'mention'
          ? `Accepted candidate ${short} as a new mention of a statement on record.`
          : `Accepted candidate ${short} as a new statement.`,
      );
    });
  };
  const reject = () =>
    action.run(async () => {
      await post(`${path}/rejection`, { reason: form.values.reason.trim() });
      props.at.onDone(`Rejected candidate ${short}.`);
    });
  return (
    <form class="candidate-form" aria-label={`Review candidate ${short}`} onSubmit={accept}>
      <fieldset>
        <legend>Edit and accept</legend>
        <Field label="Speaker id" bind={form.bind('speakerId')} required max={100} />
        <Field label="Principal id (empty: none)" bind={form.bind('principalId')} max={100} />
        <Field label="Kind" bind={form.bind('kind')} options={pairs(KINDS)} />
        <Field label="Target ids (comma-separated)" bind={form.bind('targets')} />
        <Field label="Quote" bind={form.bind('quote')} rows={3} max={5000} />
        <Field label="Summary (optional)" bind={form.bind('summary')} rows={2} max={2000} />
        {proposedActors(c).map((a) => (
          <Field
            key={a.id}
            label={`Register ${a.name} (${a.id}), not on record, as`}
            bind={form.bind(`new:${a.id}`)}
            options={ACTOR_KINDS}
          />
        ))}
        <ErrorBox error={action.error} />
        <button type="submit" disabled={action.busy}>
          Accept candidate {short}
        </button>
      </fieldset>
      <fieldset>
        <legend>Or reject</legend>
        <Field label="Reason for rejecting" bind={form.bind('reason')} rows={2} max={1000} />
        <button type="button" disabled={action.busy || !form.values.reason.trim()} onClick={reject}>
          Reject candidate {short}
        </button>
      </fieldset>
    </form>
  );
}

function CandidateItem(props: { c: Candidate; n: number; at: Shared; select: Select }) {
  const { c, at } = props;
  const selected = at.selected === c.candidateId;
  return (
    <li
      class={`row candidate${selected ? ' selected' : ''}`}
      data-testid="candidate"
      data-candidate-id={c.candidateId}
      data-status={c.status}
      aria-current={selected ? 'true' : undefined}
    >
      <h3 id={`cand-${c.candidateId}-title`} tabIndex={-1}>
        {props.n}. <Badge kind={c.kind}>{c.kind}</Badge>{' '}
        <Badge kind={`status-${c.status}`}>{c.status}</Badge>
      </h3>
      <button type="button" onClick={() => props.select(c.candidateId, 'mark')}>
        Show candidate {props.n} in the text
      </button>
      <CandidateFacts c={c} />
      {c.status === 'accepted' && c.statementId && (
        <p>
          Accepted: <StatementLink id={c.statementId}>the statement on record →</StatementLink>
        </p>
      )}
      {c.status === 'rejected' && <p>Rejected{c.reason ? `: ${c.reason}` : ''}.</p>}
      {c.status === 'proposed' && at.canEdit && <ReviewForms c={c} at={at} />}
    </li>
  );
}

function SourceFacts({ source, found }: { source: Source; found: Candidates }) {
  const n = source.candidates;
  const facts = [
    source.publisher ?? 'unknown publisher',
    source.publishedAt ? dateText(source.publishedAt) : 'undated',
    `${n.proposed} to review, ${n.accepted} accepted, ${n.rejected} rejected`,
    found.extractor && `extractor ${found.extractor.name} ${found.extractor.version}`,
  ];
  return (
    <p class="muted">
      {facts.filter(Boolean).join(' · ')}
      {source.url && ' · '}
      {source.url && <a href={source.url}>original article</a>}
    </p>
  );
}

function SourceReview({ sourceId, note }: { sourceId: string; note: string }) {
  const time = timeParams();
  const loaded = useLoad(async () => {
    const id = encodeURIComponent(sourceId);
    const [source, found] = await Promise.all([
      get<Source>(`/sources/${id}`, { knownAt: time.knownAt }),
      get<Candidates>(`/sources/${id}/candidates`, { knownAt: time.knownAt }),
    ]);
    return { source, found };
  }, [sourceId, time.knownAt]);
  const [selected, setSelected] = useState<string>();
  const [status, setStatus] = useState(() => [arrival, (arrival = '')][0]); // shown once
  useReady('review', [!loaded.loading && (!!loaded.data || !!loaded.error)]);
  /** Selecting on one side moves the focus to the other: text → candidate, candidate → text. */
  const select: Select = (id, focus) => {
    setSelected(id);
    setTimeout(() =>
      document.getElementById(focus === 'mark' ? `mark-${id}` : `cand-${id}-title`)?.focus(),
    );
  };
  const { source, found } = loaded.data ?? {};
  const candidates = found?.candidates ?? [];
  const onDone = (message: string) => (setStatus(message), loaded.reload());
  const at: Shared = { sourceId, canEdit: session.can('write') && !time.knownAt, selected, onDone };
  return (
    <div class="review-view">
      <h1>Review: {source?.title ?? source?.url ?? 'source'}</h1>
      {note && <p class="muted">{note}</p>}
      <p role="status" class="status">
        {status}
      </p>
      <Loading when={loaded.loading} what="the source and its candidates" />
      <ErrorBox error={loaded.error} />
      {source && found && <SourceFacts source={source} found={found} />}
      {source && (
        <div class="grid-2 review">
          <Section title="Article">
            {source.text ? (
              <ArticleText text={source.text} candidates={candidates} at={at} select={select} />
            ) : (
              <p class="muted">No text is kept for this source: nothing to highlight.</p>
            )}
          </Section>
          <Section title={`Candidates (${candidates.length})`}>
            {candidates.length === 0 && (
              <p class="muted">The extractor proposed no statements here.</p>
            )}
            <ol class="list candidates">
              {candidates.map((c, i) => (
                <CandidateItem key={c.candidateId} c={c} n={i + 1} at={at} select={select} />
              ))}
            </ol>
          </Section>
        </div>
      )}
      <a href={href('/review')}>← All sources</a>
    </div>
  );
}

export function ReviewView({ sourceId }: { sourceId?: string }) {
  const canWrite = session.can('write');
  const knownAt = timeParams().knownAt;
  const note = !canWrite
    ? 'Sign in with an analyst key to review articles: this page is read-only.'
    : knownAt && 'Viewing the past: go back to now to review.';
  if (sourceId) return <SourceReview sourceId={sourceId} note={note || ''} />;
  return (
    <div class="review-view">
      <h1>Review articles</h1>
      {note && <p class="muted">{note}</p>}
      {canWrite && !knownAt && <NewSourceForm />}
      <SourceList />
    </div>
  );
}
