/**
 * When two quotes are the same words: the rule that makes a candidate a new mention of a
 * statement on record instead of a second statement.
 */

/** Lower case, letters and digits only: quotes compared as words, not typography. */
export function quoteKey(quote: string): string {
  return quote
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Same words, or one quote holding the other with at most a tenth more. */
export function nearQuotes(a: string, b: string): boolean {
  const x = quoteKey(a);
  const y = quoteKey(b);
  if (x.length === 0 || y.length === 0) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.includes(short) && short.length >= 0.9 * long.length;
}
