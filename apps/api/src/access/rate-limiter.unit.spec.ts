import { clientAddress, RateLimiter } from './rate-limiter';

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

describe('RateLimiter for failures', () => {
  it('peeks without spending, spends on failure, and refills over time', () => {
    const limiter = new RateLimiter(30);
    for (let i = 0; i < 30; i++) {
      expect(limiter.wait('a', 0)).toBe(0);
      limiter.spend('a', 0);
    }
    expect(limiter.wait('a', 0)).toBe(2);
    expect(limiter.wait('b', 0)).toBe(0);
    expect(limiter.wait('a', 2000)).toBe(0);
  });

  it('keeps at most maxKeys buckets', () => {
    const limiter = new RateLimiter(10, 1000);
    for (let i = 0; i < 5000; i++) limiter.spend(`k${i}`, 0);
    expect(limiter.size).toBeLessThanOrEqual(1000);
  });
});

describe('clientAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['2001:db8:0:1:aaaa:bbbb:cccc:dddd', '2001:db8:0:1::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0001::9', '2001:db8:0:1::/64'],
    ['::1', '0:0:0:0::/64'],
    ['1.2.3.4:5678', '1.2.3.4'],
    ['[2001:db8::1]:443', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['1.2.3.4:1:2', 'not-an-address'],
    ['garbage', 'not-an-address'],
    [undefined, 'not-an-address'],
  ])('%s → %s', (ip, expected) => {
    expect(clientAddress(ip)).toBe(expected);
  });
});
