/**
 * Word-prefix search over the `search` tsvectors built from search keys (st_search_key: lower
 * case, no accents or punctuation): every word of the query must begin a word of the record.
 * A query with no letters or digits matches everything.
 */
import type { Params } from './time';

export function wordPrefixes(alias: string, q: string, p: Params): string {
  const key = `st_search_key(${p.add(q)})`;
  return `(${key} = '' OR ${alias}.search @@ to_tsquery('simple', array_to_string(ARRAY(
      SELECT quote_literal(w) || ':*' FROM unnest(string_to_array(${key}, ' ')) AS w), ' & ')))`;
}
