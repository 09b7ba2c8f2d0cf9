import { useEffect, useRef } from 'preact/hooks';
import { get } from '../api';
import { dateText } from '../format';
import { useLoad } from '../hooks';
import { useNames } from '../names';
import { timeParams } from '../router';
import type { Actor, Affiliation, StatementItem } from '../types';
import { Affiliations, heldOn } from './affiliations';
import { ActorLink, Badge, ErrorBox, Loading, StatementLink } from './ui';

interface Source {
  sourceId: string;
  url: string | null;
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

type StatementView = StatementItem & {
  mentions: { sourceId: string; reportedAt?: string; span?: { start: number; end: number } }[];
  retraction: unknown;
  withdrawal: unknown;
};

/** One statement's evidence: quote, source link, speaker, principal, targets, mentions. */
export function EvidencePanel({
  statementId,
  onClose,
}: {
  statementId: string;
  onClose?: () => void;
}) {
  const time = timeParams();
  const loaded = useLoad(async () => {
    const statement = await get<StatementView>(`/statements/${statementId}`, {
      knownAt: time.knownAt,
    });
    const sourceIds = [...new Set(statement.mentions.map((m) => m.sourceId))];
    // The speaker as known then: its roles on the day show whom it spoke for.
    const [speaker, ...sources] = await Promise.all([
      get<Actor>(`/actors/${encodeURIComponent(statement.speakerId)}`, {
        knownAt: time.knownAt,
      }).catch(() => null),
      ...sourceIds.map((id) => get<Source>(`/sources/${id}`).catch(() => null)),
    ]);
    return {
      statement,
      sources: sources.filter((x): x is Source => x !== null),
      affiliations: speaker?.affiliations ?? [],
    };
  }, [statementId, time.knownAt]);
  const s = loaded.data?.statement;
  const said = s?.saidAt.date?.slice(0, 10) ?? null;
  const roles = (loaded.data?.affiliations ?? []).filter((a) => heldOn(a, said));
  const names = useNames(s ? [s.speakerId, s.principalId, ...s.targetIds] : []);
  // Opened from a list or a chart: bring it into view and move focus to it (Esc closes it).
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!onClose) return;
    heading.current?.scrollIntoView({ block: 'nearest' });
    heading.current?.focus({ preventScroll: true });
  }, [statementId]);
  return (
    <aside
      class="evidence"
      aria-label="Evidence"
      data-testid="evidence"
      onKeyDown={(e) => e.key === 'Escape' && onClose?.()}
    >
      <div class="panel-head">
        <h3 ref={heading} tabIndex={-1}>
          Evidence
        </h3>
        {onClose && (
          <button type="button" onClick={onClose} aria-label="Close the evidence">
            ×
          </button>
        )}
      </div>
      <Loading when={loaded.loading && !s} what="the statement" />
      <ErrorBox error={loaded.error} />
      {s && (
        <div>
          <p>
            <Badge kind={s.kind}>{s.kind}</Badge>{' '}
            {s.status !== 'recorded' && <Badge kind="retracted">{s.status}</Badge>}{' '}
            {s.corrections > 0 && <Badge kind="corrected">corrected ×{s.corrections}</Badge>}
          </p>
          {s.quote ? (
            <blockquote data-testid="evidence-quote">“{s.quote}”</blockquote>
          ) : (
            <p class="summary" data-testid="evidence-quote">
              {s.summary ?? 'no quote recorded'}
            </p>
          )}
          {s.quote && s.summary && <p class="summary">{s.summary}</p>}
          <Facts statement={s} names={names} roles={roles} />
          <Mentions mentions={s.mentions} sources={loaded.data?.sources ?? []} />
          <p>
            <StatementLink id={s.statementId}>Full record and history →</StatementLink>
          </p>
        </div>
      )}
    </aside>
  );
}

/** Who said it for whom about whom, when, the speaker's roles then, and its stances. */
function Facts(props: {
  statement: StatementView;
  names: Record<string, string>;
  roles: Affiliation[];
}) {
  const { statement: s, names, roles } = props;
  return (
    <dl class="facts">
      <dt>Speaker</dt>
      <dd data-testid="evidence-speaker">
        <ActorLink id={s.speakerId} name={names[s.speakerId]} />
      </dd>
      {roles.length > 0 && (
        <>
          <dt>Speaker’s roles then</dt>
          <dd>
            <Affiliations affiliations={roles} testId="evidence-speaker-roles" />
          </dd>
        </>
      )}
      <dt>Principal</dt>
      <dd data-testid="evidence-principal">
        {s.principalId ? (
          <ActorLink id={s.principalId} name={names[s.principalId]} />
        ) : (
          <span class="muted">none (speaks for itself)</span>
        )}
      </dd>
      <dt>About</dt>
      <dd>
        {s.targetIds.length === 0 && <span class="muted">—</span>}
        {s.targetIds.map((id, i) => (
          <span key={id}>
            {i > 0 && ', '}
            <ActorLink id={id} name={names[id]} />
          </span>
        ))}
      </dd>
      <dt>Said</dt>
      <dd>
        {s.saidAt.date
          ? `${dateText(s.saidAt.date)} (${s.saidAt.precision})`
          : 'date not given: lists and charts count it from the day it was reported'}
      </dd>
      <dt>Stances</dt>
      <dd>
        {s.stances.length === 0 && <span class="muted">—</span>}
        {s.stances.map((x) => (
          <div key={x.propositionId}>
            {x.stance} <code>{x.propositionId}</code>
          </div>
        ))}
      </dd>
    </dl>
  );
}

/** Where the statement was reported: each mention with its source's link and date. */
function Mentions(props: { mentions: StatementView['mentions']; sources: Source[] }) {
  return (
    <>
      <h4>Mentions ({props.mentions.length})</h4>
      <ul class="mentions">
        {props.mentions.map((m, i) => {
          const source = props.sources.find((x) => x.sourceId === m.sourceId);
          return (
            <li key={i}>
              {source?.url ? (
                <a href={source.url} target="_blank" rel="noreferrer noopener">
                  {source.title ?? source.url}
                </a>
              ) : (
                (source?.title ?? m.sourceId)
              )}
              {source?.publisher && <span class="muted"> — {source.publisher}</span>}
              {m.reportedAt && <span class="muted"> ({dateText(m.reportedAt)})</span>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
