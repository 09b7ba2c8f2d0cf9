import { get } from '../api';
import { BeforeAfter } from '../components/before-after';
import { EvidencePanel } from '../components/evidence';
import { ErrorBox, ExportButtons, Loading, Section } from '../components/ui';
import { dateText } from '../format';
import { useLive, useLoad, useReady } from '../hooks';
import { timeParams } from '../router';

interface StoredEvent {
  eventId: string;
  type: string;
  version: number;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: { userId?: string; correlationId?: string; causationId?: string };
}

const SAYS: Record<string, string> = {
  StatementRecorded: 'recorded',
  StatementCorrected: 'corrected',
  StatementRetracted: 'retracted',
  StatementWithdrawn: 'withdrawn',
  StatementMentionAdded: 'mentioned again',
  StatementStanceTaken: 'stance added',
};

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A statement's record (as known at the chosen time) and its whole history. */
export function StatementView({ statementId }: { statementId: string }) {
  const time = timeParams();
  const id = encodeURIComponent(statementId);
  const history = useLoad(() => get<{ events: StoredEvent[] }>(`/statements/${id}/events`), [id]);
  useLive(
    (c) => c.change.startsWith('statement.') && c.statementId === statementId,
    history.reload,
  );
  useReady('statement', [!!history.data || !!history.error]);
  const knownAt = time.knownAt ? new Date(time.knownAt).getTime() : null;
  const events = history.data?.events ?? [];
  return (
    <div>
      <h1>Statement</h1>
      <div class="grid-2">
        <Section
          title="History"
          actions={
            <ExportButtons
              name={`statement-${statementId}-history`}
              rows={() => events.map((e) => ({ ...e, data: e.data, metadata: e.metadata }))}
            />
          }
        >
          <ErrorBox error={history.error} />
          <Loading when={history.loading && !history.data} what="the history" />
          {knownAt !== null && (
            <p class="notice">
              Shown as known at {dateText(time.knownAt)}: later entries are greyed out.
            </p>
          )}
          <ol class="history" data-testid="history">
            {events.map((event) => {
              const later = knownAt !== null && new Date(event.recordedAt).getTime() > knownAt;
              const why = event.data.reason as string | undefined;
              return (
                <li key={event.eventId} class={later ? 'muted' : undefined} data-type={event.type}>
                  <div class="row">
                    <strong>{SAYS[event.type] ?? event.type}</strong>
                    <span>version {event.version}</span>
                    <span class="muted">recorded {dateText(event.recordedAt)}</span>
                    <span>by {event.metadata.userId ?? 'unknown'}</span>
                    {later && <span>(not yet known then)</span>}
                  </div>
                  {why && <p>Why: {why}</p>}
                  {event.type === 'StatementCorrected' && (
                    <BeforeAfter
                      before={event.data.previous as Record<string, unknown>}
                      after={event.data.changes as Record<string, unknown>}
                    />
                  )}
                  {event.type === 'StatementRecorded' && (
                    <p class="muted">
                      {show(event.data.kind)} by {show(event.data.speakerId)}
                      {event.data.principalId ? ` for ${show(event.data.principalId)}` : ''}
                    </p>
                  )}
                  {event.type !== 'StatementRecorded' && event.type !== 'StatementCorrected' && (
                    <details>
                      <summary>What was recorded</summary>
                      <pre>{JSON.stringify(event.data, null, 2)}</pre>
                    </details>
                  )}
                </li>
              );
            })}
          </ol>
        </Section>
        <EvidencePanel statementId={statementId} />
      </div>
    </div>
  );
}
