import { compareFeedPositions, FeedPosition } from './engine';

const at = (transactionId: string, globalPosition: number): FeedPosition => ({
  transactionId,
  globalPosition,
});

describe('compareFeedPositions', () => {
  it('orders by transaction id as a number, then by global position', () => {
    const sorted = [
      at('1000', 1),
      at('999', 7),
      at('18446744073709551615', 1),
      at('999', 3),
      at('10', 900),
    ].sort(compareFeedPositions);
    expect(sorted).toEqual([
      at('10', 900),
      at('999', 3),
      at('999', 7),
      at('1000', 1),
      at('18446744073709551615', 1),
    ]);
  });

  it('is zero only for the same position', () => {
    expect(compareFeedPositions(at('42', 5), at('42', 5))).toBe(0);
    expect(compareFeedPositions(at('42', 5), at('42', 6))).toBeLessThan(0);
    expect(compareFeedPositions(at('43', 1), at('42', 6))).toBeGreaterThan(0);
  });
});
