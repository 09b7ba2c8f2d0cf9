/**
 * The audit trail of a window of recorded time: every event the store recorded in it, and every
 * alert the read models raised or cleared in it, in one order (time, then store before read
 * models, then feed position / change id), in keyset pages.
 *
 * Recorded time is the start of the writing transaction, so a transaction that began inside the
 * window and commits after it was read shows up when the window is read again: a window read
 * again shows the same changes or more, never fewer. (Unlike the feed, this does not wait for
 * every older transaction on the server: a long transaction elsewhere must not hide an audit.)
 */
import { decodeParts, isNumber, isText } from '../shared/cursor';
import type { Queryable } from '../shared/labels';
import { pageOf } from '../shared/pages';

export interface AuditTrailRow {
  /** 0: a store event; 1: an alert change of the read models. */
  source: 0 | 1;
  at: Date;
  /** Event: id, type, stream, version, data, metadata. */
  eventId: string | null;
  type: string;
  streamId: string | null;
  streamPosition: number | null;
  /** Alert change: its id ("<tx>-<seq>"), the alert id, the actors. */
  changeId: string | null;
  ref: string | null;
  actorIds: string[] | null;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> | null;
}

interface Row {
  src: number;
  at: Date;
  at_key: string;
  tie: string;
  event_id: string | null;
  type: string;
  stream_id: string | null;
  stream_position: string | null;
  change_id: string | null;
  ref: string | null;
  actor_ids: string[] | null;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> | null;
}

const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const isAtKey = (part: unknown) => isText(part) && AT_KEY.test(part);
const isTie = (part: unknown) => isText(part) && /^\d{20}(-\d{20})?$/.test(part);
const isSource = (part: unknown) => isNumber(part) && (part === 0 || part === 1);

/**
 * The sort time: to the millisecond, as the read models stamp alerts (JavaScript dates), so an
 * alert sorts after the event that raised it rather than microseconds before; UTC text that
 * orders as the instants do and PostgreSQL reads back exactly.
 */
const KEY = (column: string) =>
  `to_char(date_trunc('milliseconds', ${column}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export class AuditTrailQueries {
  constructor(private readonly db: Queryable) {}

  async between(
    from: Date,
    to: Date,
    limit: number,
    cursor?: string,
  ): Promise<{ items: AuditTrailRow[]; nextCursor: string | null }> {
    const after = cursor ? decodeParts(cursor, [isAtKey, isSource, isTie]) : null;
    const rows: Row[] = await this.db.query(
      `SELECT * FROM (
         SELECT 0 AS src, e.recorded_at AS at, date_trunc('milliseconds', e.recorded_at) AS sort_at,
                ${KEY('e.recorded_at')} AS at_key,
                lpad(e.global_position::text, 20, '0') AS tie,
                e.event_id::text AS event_id, e.type, e.stream_id, e.stream_position,
                NULL::text AS change_id, NULL::text AS ref, NULL::text[] AS actor_ids,
                e.data, e.metadata
           FROM events e
          WHERE e.recorded_at >= $1 AND e.recorded_at < $2
            AND ($3::timestamptz IS NULL OR e.recorded_at >= $3::timestamptz - interval '1 millisecond')
         UNION ALL
         SELECT 1, c.at, date_trunc('milliseconds', c.at), ${KEY('c.at')},
                lpad(c.tx::text, 20, '0') || '-' || lpad(c.seq::text, 20, '0'),
                NULL, c.kind, NULL, NULL, c.tx::text || '-' || c.seq::text, c.ref, c.actor_ids,
                c.data, NULL
           FROM rm_changes c
          WHERE c.kind IN ('alert.raised', 'alert.cleared') AND c.at >= $1 AND c.at < $2
            AND ($3::timestamptz IS NULL OR c.at >= $3::timestamptz - interval '1 millisecond')
) x
        WHERE $3::timestamptz IS NULL OR (x.sort_at, x.src, x.tie) > ($3::timestamptz, $4::int, $5::text)
        ORDER BY x.sort_at, x.src, x.tie
        LIMIT $6`,
      [from, to, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
    );
    return pageOf(
      rows,
      limit,
      (r) => ({
        source: r.src === 0 ? 0 : 1,
        at: new Date(r.at),
        eventId: r.event_id,
        type: r.type,
        streamId: r.stream_id,
        streamPosition: r.stream_position === null ? null : Number(r.stream_position),
        changeId: r.change_id,
        ref: r.ref,
        actorIds: r.actor_ids,
        data: r.data,
        metadata: r.metadata,
      }),
      (r) => [r.at_key, r.src, r.tie],
    );
  }
}
