/**
 * The date a statement counts from. Positions, relations, alerts and `asOf` order and filter
 * statements by date; a statement whose said date is unknown is not dropped from them but
 * counts from the day its first source reported it ("reported": the mention's reportedAt, else
 * the source's publication date), or, with neither, from the day it was first recorded
 * ("recorded"). `dateBasis` says which.
 *
 * A source's publication date is read from its registration event in the store (the same
 * database): written once, never changed, and always committed before any statement citing the
 * source, so the result does not depend on the order in which a projector sees streams (Kafka
 * partitions interleave freely).
 */
import { sourceStreamId } from '@app/domain';
import type { ProjectionEvent, Sql } from '../projection';

export const DATE_BASES = ['said', 'reported', 'recorded'] as const;
export type DateBasis = (typeof DATE_BASES)[number];

export interface Dating {
  /** ISO date the statement counts from. */
  dated_on: string;
  date_basis: DateBasis;
}

/** What a statement's date depends on (ISO days). */
export interface DatingFacts {
  /** The said date (month precision as its first day), null when unknown. */
  said: string | null;
  /** The day its first source reported it, null when unknown. */
  reported: string | null;
  /** The day it was first recorded (UTC). */
  recordedOn: string;
}

/** source id → its publication date (UTC day), null when the source has none. */
export type PublicationDates = ReadonlyMap<string, string | null>;

export function dating(facts: DatingFacts): Dating {
  if (facts.said !== null) return { dated_on: facts.said, date_basis: 'said' };
  if (facts.reported !== null) return { dated_on: facts.reported, date_basis: 'reported' };
  return { dated_on: facts.recordedOn, date_basis: 'recorded' };
}

/** The UTC day of an instant. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** What dating reads of a mention (older events may lack reportedAt). */
type Mentioned = { sourceId?: string; reportedAt?: string | null };

/** The day a mention reports: its own reportedAt, else its source's publication date. */
export function reportedOn(
  mention: Mentioned | null | undefined,
  published: PublicationDates,
): string | null {
  if (!mention) return null;
  if (mention.reportedAt) {
    const at = new Date(mention.reportedAt);
    if (!Number.isNaN(at.getTime())) return dayOf(at);
  }
  return (mention.sourceId && published.get(mention.sourceId)) || null;
}

/** The sources whose publication dates these mentions need (those without reportedAt). */
export function unreportedSources(mentions: Array<Mentioned | null | undefined>): string[] {
  return mentions.flatMap((m) => (m?.sourceId && !m.reportedAt ? [m.sourceId] : []));
}

/** The publication dates of these sources, from their registration events. */
export async function publicationDates(
  sql: Sql,
  sourceIds: Iterable<string | null | undefined>,
): Promise<Map<string, string | null>> {
  const ids = [...new Set([...sourceIds].filter((id): id is string => typeof id === 'string'))];
  const result = new Map<string, string | null>();
  if (ids.length === 0) return result;
  const rows = await sql.query<{ source_id: string; published_on: string | null }>(
    `SELECT data->>'sourceId' AS source_id,
            CASE WHEN data->>'publishedAt' ~ '^\\d{4}-\\d{2}-\\d{2}T'
                 THEN ((data->>'publishedAt')::timestamptz AT TIME ZONE 'UTC')::date::text END
              AS published_on
       FROM events
      WHERE stream_id = ANY($1::text[]) AND stream_position = 1 AND type = 'SourceRegistered'`,
    [ids.map(sourceStreamId)],
  );
  for (const row of rows) result.set(row.source_id, row.published_on);
  return result;
}

/** The mention an event adds, if any (the source a statement's date may come from). */
export function mentionOf(event: ProjectionEvent): Mentioned | null {
  if (event.type === 'StatementRecorded') return event.data.mention ?? null;
  if (event.type === 'StatementMentionAdded') return event.data;
  return null;
}
