/**
 * The sources read model: each registered source (article, transcript, post) with its url,
 * publisher, title and publication time (rm_sources), for lists and search. The text and the
 * extractor's candidates stay in the source's own stream. (The event sources projections read
 * from — the store feed and Kafka — live in ../sources.)
 */
import { EventHandlers, sequentialProjection } from '../projection';

const SOURCE_HANDLERS: EventHandlers<'SourceRegistered'> = {
  SourceRegistered: (sql, e) =>
    sql.query(
      `INSERT INTO rm_sources (source_id, url, publisher, title, published_at, has_text, known_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       -- A registration happens once per source; the migration that created this read model
       -- filled it from the store, so one met again is already here.
       ON CONFLICT (source_id) DO NOTHING`,
      // Older events may lack the optional fields.
      [
        e.data.sourceId,
        e.data.url ?? null,
        e.data.publisher ?? null,
        e.data.title ?? null,
        e.data.publishedAt ?? null,
        Boolean(e.data.text),
        e.recordedAt.toISOString(),
      ],
    ),
};

export const sourcesProjection = sequentialProjection(
  'sources',
  [{ table: 'rm_sources', key: 'source_id' }],
  SOURCE_HANDLERS,
);
