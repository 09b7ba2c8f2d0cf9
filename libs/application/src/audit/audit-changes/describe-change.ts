/**
 * One change to the record, as an auditor reads it: what changed (a name like
 * `statement.corrected`), which record and version, who (the API key or user in the event's
 * metadata), when (recorded time), why (the reason or note the writer gave), and for corrections
 * the values before and after. Store events and the alerts the read models raised and cleared
 * are described alike. Pure: the rows in, the description out.
 */
import type { RecordedEvent } from '@app/event-store';
import type { Change } from '@app/projections';

export interface AuditChange {
  /** `event:<eventId>` or `alert:<change id>`: unique within the record. */
  id: string;
  /** Recorded time (ISO): when the record learned it. */
  at: string;
  change: string;
  record: { kind: string; id: string; version: number | null; href: string | null };
  /** The API key (`key:<id>`) or user that wrote it; for alerts, the read models. */
  who: string | null;
  why: string | null;
  summary: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  eventId: string | null;
  eventType: string | null;
  correlationId: string | null;
}

type Data = Record<string, unknown>;

/** Per event type: the change's name and what it says; types not listed keep their own name. */
const DESCRIBE: Record<string, (d: Data) => { change: string; summary: string; why?: unknown }> = {
  StatementRecorded: (d) => ({
    change: 'statement.recorded',
    summary: `${d.kind} by ${d.speakerId}${d.principalId ? ` for ${d.principalId}` : ''}${list(d.targetIds, ' about ')}`,
  }),
  StatementCorrected: (d) => ({
    change: 'statement.corrected',
    summary: `corrected ${Object.keys((d.changes as Data) ?? {}).join(', ')}${d.correctedBy ? ` by ${d.correctedBy}` : ''}`,
    why: d.reason,
  }),
  StatementRetracted: (d) => ({
    change: 'statement.retracted',
    summary: `retracted by the speaker on ${d.retractedOn}`,
    why: d.note,
  }),
  StatementWithdrawn: (d) => ({
    change: 'statement.withdrawn',
    summary: `withdrawn from the record (${d.reason}${d.duplicateOf ? `, duplicate of ${d.duplicateOf}` : ''})`,
    why: [d.reason, d.note].filter(Boolean).join(': '),
  }),
  StatementMentionAdded: (d) => ({
    change: 'statement.mentioned',
    summary: `mentioned again in source ${(d.mention as Data | undefined)?.sourceId ?? d.sourceId ?? '?'}`,
  }),
  StatementStanceTaken: (d) => ({
    change: 'statement.stance-taken',
    summary: `stance on ${d.propositionId}: ${d.stance}`,
  }),
  AccusationMade: (d) => ({
    change: 'accusation.opened',
    summary: `${d.accuserId} accuses ${list(d.accusedIds)}`,
    why: d.allegation,
  }),
  AccusationDenied: (d) => response('denied', d),
  AccusationAcknowledged: (d) => response('acknowledged', d),
  AccusationWithdrawn: (d) => response('withdrawn', d),
  AlertDismissed: (d) => ({
    change: 'alert.dismissed',
    summary: `alert dismissed${d.reviewedBy ? ` by ${d.reviewedBy}` : ''}`,
    why: d.reason,
  }),
  AlertReopened: (d) => ({
    change: 'alert.reopened',
    summary: `alert reopened${d.reviewedBy ? ` by ${d.reviewedBy}` : ''}`,
    why: d.reason,
  }),
};

function response(status: string, d: Data) {
  return {
    change: `accusation.${status}`,
    summary: `accusation ${status} by ${d.respondentId} (statement ${d.statementId})`,
  };
}

function list(value: unknown, prefix = ''): string {
  return Array.isArray(value) && value.length > 0 ? `${prefix}${value.join(', ')}` : '';
}

const KIND_HREFS: Record<string, string> = {
  actor: '/actors/',
  source: '/sources/',
  statement: '/statements/',
  accusation: '/accusations/',
  proposition: '/propositions/',
};

/** `statement-<uuid>` → kind and id. */
function recordOf(streamId: string): { kind: string; id: string } {
  const dash = streamId.indexOf('-');
  return dash < 0
    ? { kind: streamId, id: streamId }
    : { kind: streamId.slice(0, dash), id: streamId.slice(dash + 1) };
}

/** What a description needs of a stored event. */
export type DescribedEvent = Pick<
  RecordedEvent,
  'eventId' | 'type' | 'streamId' | 'streamPosition' | 'recordedAt' | 'data' | 'metadata'
>;

export function describeEvent(event: DescribedEvent): AuditChange {
  const data = (event.data ?? {}) as Data;
  const { kind, id } = recordOf(event.streamId);
  const described = DESCRIBE[event.type]?.(data) ?? {
    change: `${kind}.${kebab(event.type.replace(/^(Actor|Source|Proposition|Alert)/, ''))}`,
    summary: event.type,
  };
  const corrected = event.type === 'StatementCorrected';
  const metadata = event.metadata ?? {};
  const why = described.why;
  return {
    id: `event:${event.eventId}`,
    at: event.recordedAt.toISOString(),
    change: described.change,
    record: {
      kind,
      id,
      version: event.streamPosition,
      href: KIND_HREFS[kind] ? `${KIND_HREFS[kind]}${id}` : null,
    },
    who: typeof metadata.userId === 'string' ? metadata.userId : null,
    why: typeof why === 'string' && why !== '' ? why : null,
    summary: described.summary,
    before: corrected ? ((data.previous as Data) ?? null) : null,
    after: corrected ? ((data.changes as Data) ?? null) : null,
    eventId: event.eventId,
    eventType: event.type,
    correlationId: typeof metadata.correlationId === 'string' ? metadata.correlationId : null,
  };
}

/** An alert the read models raised or cleared (rm_changes). */
export function describeAlert(change: Change): AuditChange {
  const data = change.data as Data;
  const raised = change.kind === 'alert.raised';
  return {
    id: `alert:${change.id}`,
    at: change.at,
    change: change.kind,
    record: { kind: 'alert', id: change.ref, version: null, href: `/alerts/${change.ref}` },
    who: `rule:${data.type}`,
    why: typeof data.reason === 'string' ? data.reason : null,
    summary: `${data.type} alert on ${data.actorId} ${raised ? 'raised' : 'cleared: the record no longer shows it'}`,
    before: null,
    after: null,
    eventId: null,
    eventType: null,
    correlationId: null,
  };
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
