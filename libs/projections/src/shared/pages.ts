/** Keyset pages: every list reads `limit + 1` rows, so it knows whether another page follows. */
import { encodeCursor } from './cursor';

/** The page's items, and the cursor of the next page (the last item's sort key) if there is one. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  item: (row: Row) => Item,
  sortKey: (row: Row) => unknown[],
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(item),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sortKey(last)) : null,
  };
}
