/** Sources by words of their title, publisher or url, publisher and publication dates. */
import type { DataSource } from 'typeorm';
import { decodeParts, isInstantOrNone, isUuid } from '../shared/cursor';
import { pageOf } from '../shared/pages';
import { Params } from '../shared/time';
import { wordPrefixes } from '../shared/words';

export interface SourceListFilter {
  q?: string;
  /** Publisher, matched by its search key ("Le Monde" = "le-monde" = "LE MONDE"). */
  publisher?: string;
  /** Published on or after / on or before (ISO dates, UTC). */
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export interface SourceListItem {
  sourceId: string;
  url: string | null;
  publisher: string | null;
  title: string | null;
  publishedAt: string | null;
  hasText: boolean;
  registeredAt: string;
  /** Statements on record citing it. */
  statements: number;
}

/** Newest published first; sources without a publication time last. */
const SORT = `coalesce(r.published_at, '-infinity'::timestamptz)`;

export class SourceListQueries {
  constructor(private readonly dataSource: DataSource) {}

  async sources(filter: SourceListFilter): Promise<{
    items: SourceListItem[];
    total: number;
    totalEstimate: number;
    nextCursor: string | null;
  }> {
    const p = new Params();
    const where = ['true'];
    if (filter.q) where.push(wordPrefixes('r', filter.q, p));
    if (filter.publisher) where.push(`r.publisher_key = st_search_key(${p.add(filter.publisher)})`);
    if (filter.from) where.push(`r.published_at >= ${p.add(filter.from)}::date`);
    if (filter.to) where.push(`r.published_at < ${p.add(filter.to)}::date + 1`);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM rm_sources r WHERE ${where.join(' AND ')}`,
      p.values,
    );
    if (filter.cursor) {
      const [at, id] = decodeParts(filter.cursor, [isInstantOrNone, isUuid]);
      where.push(
        `(${SORT}, r.source_id) < (coalesce(${p.add(at)}::timestamptz, '-infinity'), ${p.add(id)}::uuid)`,
      );
    }
    const rows: Array<{
      source_id: string;
      url: string | null;
      publisher: string | null;
      title: string | null;
      published_at: Date | null;
      has_text: boolean;
      known_from: Date;
      sort_at: string | null;
      statements: number;
    }> = await this.dataSource.query(
      `SELECT r.source_id, r.url, r.publisher, r.title, r.published_at, r.has_text, r.known_from,
              to_char(r.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at,
              (SELECT count(*) FROM rm_statements s WHERE s.source_ids @> ARRAY[r.source_id::text]
                  AND s.known_to IS NULL)::int AS statements
         FROM rm_sources r WHERE ${where.join(' AND ')}
        ORDER BY ${SORT} DESC, r.source_id DESC LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
    const { items, nextCursor } = pageOf(
      rows,
      filter.limit,
      (r) => ({
        sourceId: r.source_id,
        url: r.url,
        publisher: r.publisher,
        title: r.title,
        publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
        hasText: r.has_text,
        registeredAt: new Date(r.known_from).toISOString(),
        statements: r.statements,
      }),
      (r) => [r.sort_at, r.source_id],
    );
    return { items, total, totalEstimate: total, nextCursor };
  }
}
