/**
 * Source: the document a statement was found in. Stream "source-<uuid>". The text's SHA-256
 * identifies re-posts of the same article; the text itself is optional.
 *
 * With its text, a source carries the statements an extractor proposed in it (candidates),
 * each reviewed once: accepted (recorded as a statement, or as a new mention of one already
 * on record) or rejected.
 */
import { conflict, Decider, DomainEvent, invalid, notFound, within } from '../decider';
import { STATEMENT_KINDS, StatementKind } from '../shared/kinds';
import {
  fields,
  integer,
  list,
  number,
  oneOf,
  optionalInstant,
  optionalText,
  slug,
  text,
  uuid,
} from '../shared/values';

export const MAX_SOURCE_TEXT = 200_000;

/** An actor as the extractor found it: an id from the registry, or one it proposes. */
export interface CandidateActor {
  id: string;
  name: string;
  proposed: boolean;
}

/** A statement an extractor found in the source's text, for an analyst to review. */
export interface Candidate {
  candidateId: string;
  speaker: CandidateActor;
  principal: CandidateActor | null;
  kind: StatementKind;
  targets: CandidateActor[];
  quote: string | null;
  allegation: string | null;
  span: { start: number; end: number };
  confidence: number;
}

export type SourceEvent =
  | DomainEvent<
      'SourceRegistered',
      {
        sourceId: string;
        url: string | null;
        publisher: string | null;
        title: string | null;
        publishedAt: string | null;
        sha256: string | null;
        text: string | null;
      }
    >
  | DomainEvent<
      'SourceCandidatesProposed',
      {
        sourceId: string;
        extractor: { name: string; version: string };
        candidates: Candidate[];
      }
    >
  | DomainEvent<
      'SourceCandidateAccepted',
      {
        sourceId: string;
        candidateId: string;
        statementId: string;
        /** recorded: a new statement; mention: a new mention of one already on record. */
        as: 'recorded' | 'mention';
        acceptedBy: string | null;
      }
    >
  | DomainEvent<
      'SourceCandidateRejected',
      { sourceId: string; candidateId: string; reason: string; rejectedBy: string | null }
    >;

export type SourceCommand =
  | {
      type: 'RegisterSource';
      sourceId: unknown;
      url?: unknown;
      publisher?: unknown;
      title?: unknown;
      publishedAt?: unknown;
      text?: unknown;
      /** SHA-256 of `text`, computed by the caller (the domain does no hashing I/O). */
      sha256?: unknown;
      /** What an extractor found in the text (the caller runs it). */
      extractor?: unknown;
      candidates?: unknown;
    }
  | {
      type: 'AcceptCandidate';
      candidateId: unknown;
      statementId: unknown;
      as: unknown;
      acceptedBy?: unknown;
    }
  | { type: 'RejectCandidate'; candidateId: unknown; reason?: unknown; rejectedBy?: unknown };

export type CandidateStatus = 'proposed' | 'accepted' | 'rejected';

export interface SourceState {
  registered: boolean;
  source: Extract<SourceEvent, { type: 'SourceRegistered' }>['data'] | null;
  extractor: { name: string; version: string } | null;
  candidates: Array<
    Candidate & { status: CandidateStatus; statementId: string | null; reason: string | null }
  >;
}

export const sourceStreamId = (sourceId: string) => `source-${sourceId}`;

export const sourceDecider: Decider<SourceCommand, SourceState, SourceEvent> = {
  initialState: () => ({ registered: false, source: null, extractor: null, candidates: [] }),
  decide(command, state) {
    switch (command.type) {
      case 'RegisterSource':
        return register(command, state);
      case 'AcceptCandidate': {
        const candidate = pendingCandidate(command.candidateId, state);
        return [
          {
            type: 'SourceCandidateAccepted',
            data: {
              sourceId: state.source!.sourceId,
              candidateId: candidate.candidateId,
              statementId: uuid(command.statementId, 'statementId'),
              as: oneOf(command.as, ['recorded', 'mention'] as const, 'as'),
              acceptedBy: optionalText(command.acceptedBy, 'acceptedBy', 200),
            },
          },
        ];
      }
      case 'RejectCandidate': {
        const candidate = pendingCandidate(command.candidateId, state);
        return [
          {
            type: 'SourceCandidateRejected',
            data: {
              sourceId: state.source!.sourceId,
              candidateId: candidate.candidateId,
              reason: text(command.reason, 'reason', 1000),
              rejectedBy: optionalText(command.rejectedBy, 'rejectedBy', 200),
            },
          },
        ];
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'SourceRegistered':
        return { ...state, registered: true, source: event.data };
      case 'SourceCandidatesProposed':
        return {
          ...state,
          extractor: event.data.extractor,
          candidates: event.data.candidates.map((c) => ({
            ...c,
            status: 'proposed' as const,
            statementId: null,
            reason: null,
          })),
        };
      case 'SourceCandidateAccepted':
        return {
          ...state,
          candidates: state.candidates.map((c) =>
            c.candidateId === event.data.candidateId
              ? { ...c, status: 'accepted' as const, statementId: event.data.statementId }
              : c,
          ),
        };
      case 'SourceCandidateRejected':
        return {
          ...state,
          candidates: state.candidates.map((c) =>
            c.candidateId === event.data.candidateId
              ? { ...c, status: 'rejected' as const, reason: event.data.reason }
              : c,
          ),
        };
    }
  },
};

function register(
  command: Extract<SourceCommand, { type: 'RegisterSource' }>,
  state: SourceState,
): SourceEvent[] {
  if (state.registered)
    throw conflict(
      'source-exists',
      `source ${state.source!.sourceId} is already registered`,
      'sourceId',
    );
  const url = optionalText(command.url, 'url', 2000);
  if (url !== null && !isHttpUrl(url)) throw invalid('url', 'url must be an http(s) URL');
  const sha256 = optionalText(command.sha256, 'sha256', 64);
  if (sha256 !== null && !/^[0-9a-f]{64}$/.test(sha256))
    throw invalid('sha256', 'sha256 must be 64 lowercase hex digits');
  const body = optionalText(command.text, 'text', MAX_SOURCE_TEXT);
  if (body !== null && sha256 === null)
    throw invalid('sha256', 'sha256 of the text is required with the text');
  if (url === null && body === null) throw invalid('url', 'a source needs a url or its text');
  const sourceId = uuid(command.sourceId, 'sourceId');
  const events: SourceEvent[] = [
    {
      type: 'SourceRegistered',
      data: {
        sourceId,
        url,
        publisher: optionalText(command.publisher, 'publisher', 200),
        title: optionalText(command.title, 'title', 500),
        publishedAt: optionalInstant(command.publishedAt, 'publishedAt'),
        sha256,
        text: body,
      },
    },
  ];
  if (command.candidates !== undefined && command.candidates !== null) {
    if (body === null) throw invalid('candidates', 'candidates need the source text');
    const extractor = command.extractor as { name?: unknown; version?: unknown } | undefined;
    const candidates = list(command.candidates, 'candidates', 1000, (c, field) =>
      within(field, () => checkCandidate(c, body.length)),
    );
    if (new Set(candidates.map((c) => c.candidateId)).size !== candidates.length)
      throw invalid('candidates', 'candidate ids must be distinct');
    if (candidates.length > 0)
      events.push({
        type: 'SourceCandidatesProposed',
        data: {
          sourceId,
          extractor: {
            name: text(extractor?.name, 'extractor.name', 100),
            version: text(extractor?.version, 'extractor.version', 50),
          },
          candidates,
        },
      });
  }
  return events;
}

function checkActor(value: unknown, field: string): CandidateActor {
  const actor = value as { id?: unknown; name?: unknown; proposed?: unknown } | null;
  if (typeof actor !== 'object' || actor === null)
    throw invalid(field, `${field} must be an object {id, name}`);
  return {
    id: slug(actor.id, `${field}.id`),
    name: text(actor.name, `${field}.name`, 200),
    proposed: actor.proposed === true,
  };
}

function checkCandidate(value: unknown, textLength: number): Candidate {
  const c = (value ?? {}) as Record<string, unknown>;
  const span = (c.span ?? {}) as { start?: unknown; end?: unknown };
  const start = integer(span.start, 'span.start', 0, textLength);
  const end = integer(span.end, 'span.end', start + 1, textLength);
  return {
    candidateId: uuid(c.candidateId, 'candidateId'),
    speaker: checkActor(c.speaker, 'speaker'),
    principal:
      c.principal === null || c.principal === undefined
        ? null
        : checkActor(c.principal, 'principal'),
    kind: oneOf(c.kind, STATEMENT_KINDS, 'kind'),
    targets: list(c.targets ?? [], 'targets', 50, (t, field) => checkActor(t, field)),
    quote: optionalText(c.quote, 'quote', 5000),
    allegation: optionalText(c.allegation, 'allegation', 5000),
    span: { start, end },
    confidence: number(c.confidence, 'confidence', 0, 1),
  };
}

/** A candidate of this source that no one has reviewed yet (404 unknown, 409 reviewed). */
export function pendingCandidate(candidateId: unknown, state: SourceState) {
  if (!state.registered) throw notFound('source-not-found', 'source not found');
  const id = uuid(candidateId, 'candidateId');
  const candidate = state.candidates.find((c) => c.candidateId === id);
  if (!candidate)
    throw notFound(
      'candidate-not-found',
      `candidate ${id} is not one of this source's`,
      'candidateId',
    );
  if (candidate.status !== 'proposed')
    throw conflict(
      'candidate-reviewed',
      `candidate ${id} was already ${candidate.status}`,
      'candidateId',
    );
  return candidate;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Character offsets into a source's text, [start, end). */
export function checkSpan(
  span: unknown,
  field: string,
  textLength: number | null,
): { start: number; end: number } {
  const { start, end } = fields(span, field, ['start', 'end']);
  if (!Number.isInteger(start) || (start as number) < 0)
    throw invalid(`${field}.start`, `${field}.start must be an integer ≥ 0`);
  if (!Number.isInteger(end) || (end as number) <= (start as number))
    throw invalid(`${field}.end`, `${field}.end must be an integer > start`);
  if (textLength !== null && (end as number) > textLength) {
    throw invalid(
      `${field}.end`,
      `${field}.end is past the end of the source text (${textLength} characters)`,
    );
  }
  return { start: start as number, end: end as number };
}
