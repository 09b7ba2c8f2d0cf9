import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('lets a burst of perMinute through, then asks to wait until a token refills', () => {
    const limiter = new RateLimiter(60);
    for (let i = 0; i < 60; i++) expect(limiter.take('k', 0)).toBe(0);
    expect(limiter.take('k', 0)).toBe(1);
    expect(limiter.take('other', 0)).toBe(0);
    expect(limiter.take('k', 1000)).toBe(0);
    expect(limiter.take('k', 1000)).toBe(1);
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 1000; i++) expect(limiter.take('k', 0)).toBe(0);
  });
});
