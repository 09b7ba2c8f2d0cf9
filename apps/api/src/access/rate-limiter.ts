import { isIP } from 'node:net';

/**
 * A token bucket per key: `perMinute` tokens a minute, bursts up to the same. Used per API key
 * for requests, and per client address for failed authentications.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    /** Buckets kept at most; full (idle) buckets are dropped first, then the oldest. */
    private readonly maxKeys = 100_000,
  ) {}

  /** 0 when the request may go ahead (and a token is spent), else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    const wait = this.wait(key, now);
    if (wait === 0 && this.perMinute > 0) this.bucket(key, now).tokens -= 1;
    return wait;
  }

  /** The seconds to wait before a token is free (0: one is free now); spends nothing. */
  wait(key: string, now = Date.now()): number {
    if (this.perMinute === 0) return 0;
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = this.refilled(bucket, now);
    if (tokens >= 1) return 0;
    return Math.max(1, Math.ceil((1 - tokens) / (this.perMinute / 60_000) / 1000));
  }

  /** Spends a token even if none is left (the bucket goes no lower than -perMinute). */
  spend(key: string, now = Date.now()): void {
    if (this.perMinute === 0) return;
    const bucket = this.bucket(key, now);
    bucket.tokens = Math.max(-this.perMinute, bucket.tokens - 1);
  }

  /** Gives back a token `take` spent (the request turned out not to count). */
  refund(key: string, now = Date.now()): void {
    if (this.perMinute === 0) return;
    const bucket = this.bucket(key, now);
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + 1);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(bucket: { tokens: number; at: number }, now: number): number {
    const elapsed = Math.max(0, now - bucket.at);
    return Math.min(this.perMinute, bucket.tokens + (elapsed * this.perMinute) / 60_000);
  }

  private bucket(key: string, now: number): { tokens: number; at: number } {
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = this.refilled(bucket, now);
      bucket.at = now;
      return bucket;
    }
    if (this.buckets.size >= this.maxKeys) this.prune(now);
    bucket = { tokens: this.perMinute, at: now };
    this.buckets.set(key, bucket);
    return bucket;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets)
      if (this.refilled(bucket, now) >= this.perMinute) this.buckets.delete(key);
    // Still full of busy keys: forget the oldest half (Map keeps insertion order).
    let drop = this.buckets.size >= this.maxKeys ? Math.ceil(this.buckets.size / 2) : 0;
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * The address a failed-authentication limit applies to: IPv4 as is (also when mapped into
 * IPv6), IPv6 by its /64 — one subscriber usually holds a whole /64.
 */
export function clientAddress(raw: string | undefined): string {
  // A proxy may add a port (1.2.3.4:5678, [2001:db8::1]:443); anything else that is not an
  // address shares one bucket, so odd forms cannot each get a fresh allowance.
  const ip = (raw ?? '')
    .trim()
    .replace(/^\[([^\]]+)\](?::\d+)?$/, '$1')
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/%.*$/, '');
  const version = isIP(ip);
  if (version === 0) return 'not-an-address';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (version === 4) return ip;
  const [head, tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
