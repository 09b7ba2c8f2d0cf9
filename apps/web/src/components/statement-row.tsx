import { dateText } from '../format';
import type { StatementItem } from '../types';
import { ActorLink, Badge, StatementLink } from './ui';

/** One statement in a list: date, kind, who → whom, quote or summary, status. */
export function StatementRow(props: {
  statement: StatementItem;
  names: Record<string, string>;
  onOpen?: (statementId: string) => void;
}) {
  const s = props.statement;
  const n = props.names;
  return (
    <li data-testid="statement" data-statement-id={s.statementId}>
      <div class="row">
        <span class="muted">{dateText(s.datedOn)}</span>
        <Badge kind={s.kind}>{s.kind}</Badge>
        {s.status !== 'recorded' && <Badge kind={s.status}>{s.status}</Badge>}
        {s.corrections > 0 && <Badge kind="corrected">corrected</Badge>}
        <span>
          <ActorLink id={s.speakerId} name={n[s.speakerId]} />
          {s.principalId && (
            <>
              {' '}
              for <ActorLink id={s.principalId} name={n[s.principalId]} />
            </>
          )}
          {s.targetIds.length > 0 && ' → '}
          {s.targetIds.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <ActorLink id={id} name={n[id]} />
            </span>
          ))}
        </span>
      </div>
      <div>
        {s.quote ? `“${s.quote}”` : (s.summary ?? '')}{' '}
        {props.onOpen ? (
          <button
            type="button"
            class="link"
            aria-label={`Evidence of the ${s.kind} of ${dateText(s.datedOn)} by ${n[s.speakerId] ?? s.speakerId}`}
            onClick={() => props.onOpen!(s.statementId)}
          >
            Evidence
          </button>
        ) : null}{' '}
        <StatementLink id={s.statementId}>
          record
          <span class="sr-only">
            {' '}
            of the {s.kind} of {dateText(s.datedOn)}
          </span>
        </StatementLink>
      </div>
    </li>
  );
}

export const statementIds = (items: StatementItem[]) =>
  items.flatMap((s) => [s.speakerId, s.principalId, ...s.targetIds]);

/** The columns an export of statements carries. */
export function statementRows(items: StatementItem[]): Record<string, unknown>[] {
  return items.map((s) => ({
    statementId: s.statementId,
    datedOn: s.datedOn,
    dateBasis: s.dateBasis,
    kind: s.kind,
    speakerId: s.speakerId,
    principalId: s.principalId,
    targetIds: s.targetIds.join(' '),
    quote: s.quote,
    summary: s.summary,
    goldstein: s.goldstein,
    status: s.status,
    corrections: s.corrections,
    stances: s.stances.map((x) => `${x.stance}:${x.propositionId}`).join(' '),
  }));
}
