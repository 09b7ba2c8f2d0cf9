/**
 * Source: the document a statement was found in. Stream "source-<uuid>". The text's SHA-256
 * identifies re-posts of the same article; the text itself is optional.
 */
import { conflict, Decider, DomainEvent, invalid } from '../decider';
import { optionalInstant, optionalText, uuid } from '../shared/values';

export const MAX_SOURCE_TEXT = 200_000;

export type SourceEvent = DomainEvent<
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
>;

export type SourceCommand = {
  type: 'RegisterSource';
  sourceId: unknown;
  url?: unknown;
  publisher?: unknown;
  title?: unknown;
  publishedAt?: unknown;
  text?: unknown;
  /** SHA-256 of `text`, computed by the caller (the domain does no hashing I/O). */
  sha256?: unknown;
};

export interface SourceState {
  registered: boolean;
  source: SourceEvent['data'] | null;
}

export const sourceStreamId = (sourceId: string) => `source-${sourceId}`;

export const sourceDecider: Decider<SourceCommand, SourceState, SourceEvent> = {
  initialState: () => ({ registered: false, source: null }),
  decide(command, state) {
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
    return [
      {
        type: 'SourceRegistered',
        data: {
          sourceId: uuid(command.sourceId, 'sourceId'),
          url,
          publisher: optionalText(command.publisher, 'publisher', 200),
          title: optionalText(command.title, 'title', 500),
          publishedAt: optionalInstant(command.publishedAt, 'publishedAt'),
          sha256,
          text: body,
        },
      },
    ];
  },
  evolve: (_state, event) => ({ registered: true, source: event.data }),
};

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
  const value = span as { start?: unknown; end?: unknown } | null;
  if (typeof value !== 'object' || value === null)
    throw invalid(field, `${field} must be an object {start, end}`);
  const { start, end } = value;
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
