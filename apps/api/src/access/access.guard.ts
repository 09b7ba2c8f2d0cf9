import { createHash } from 'node:crypto';
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { allows, ApiKey, ApiKeys, parseKey, Permission } from '@app/access';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ACCESS } from './access.decorator';
import { KeyRevocations } from './key-revocations';
import { clientAddress, RateLimiter } from './rate-limiter';

/** How long a verified key is trusted without a lookup (only while revocations are heard). */
const CACHE_MS = 5_000;
/** How long a presented key that failed is refused without a lookup. */
const REFUSED_MS = 60_000;
const MAX_CACHED = 10_000;
/** How long a verified key skips the per-address failure limit. */
const TRUSTED_MS = 10 * 60_000;

/**
 * API key authentication, role check and per-key rate limit for every route. Failed
 * authentications are limited per client address (429 before any lookup once spent), and keys
 * that failed are refused from memory for a minute, so guessing costs the database nothing.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly limiter: RateLimiter;
  private readonly failures: RateLimiter;
  // Recently verified keys, so a busy client does not cost a database round trip per request.
  private readonly cache = new Map<string, { apiKey: ApiKey; until: number }>();
  // By SHA-256 of what was presented: keys that failed lately, and keys verified lately.
  private readonly refused = new Map<string, number>();
  private readonly trusted = new Map<string, number>();
  // Bumped by every revocation notice.
  private generation = 0;
  // One lookup per presented key at a time: a burst of requests with the same key shares it.
  private readonly inFlight = new Map<string, Promise<ApiKey | null>>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    @Inject(KeyRevocations) private readonly revocations: KeyRevocations,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new RateLimiter(config.rateLimitPerMinute);
    this.failures = new RateLimiter(config.authFailuresPerMinute);
    revocations.subscribe((keyId) => this.forget(keyId));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { apiKey?: ApiKey }>();
    const declared = this.reflector.getAllAndOverride<Permission | 'public' | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const needed =
      declared ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
    if (needed === 'public') return true;

    const presented = presentedKey(request);
    if (!presented) {
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('WWW-Authenticate', 'Bearer realm="statement-tracker"');
      throw new UnauthorizedException(
        'an API key is required: Authorization: Bearer <key> (or X-API-Key)',
      );
    }
    const apiKey = await this.authenticate(presented, clientAddress(request.ip), context);
    if (!apiKey) {
      context
        .switchToHttp()
        .getResponse<Response>()
        .setHeader('WWW-Authenticate', 'Bearer realm="statement-tracker", error="invalid_token"');
      throw new UnauthorizedException('the API key is unknown or revoked');
    }
    const wait = this.limiter.take(apiKey.keyId);
    if (wait > 0) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
      throw new HttpException(
        `rate limit exceeded for key ${apiKey.keyId}; retry in ${wait}s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (!allows(apiKey.role, needed))
      throw new ForbiddenException(`a ${apiKey.role} key cannot ${needed}`);
    request.apiKey = apiKey;
    return true;
  }

  /** Forget the cached verification of `keyId` (null: of every key), after a revocation. */
  forget(keyId: string | null = null): void {
    this.generation++;
    if (keyId === null) this.cache.clear();
    else
      for (const [presented, entry] of this.cache)
        if (entry.apiKey.keyId === keyId) this.cache.delete(presented);
  }

  private async authenticate(
    presented: string,
    client: string,
    context: ExecutionContext,
  ): Promise<ApiKey | null> {
    const now = Date.now();
    const cached = this.cache.get(presented);
    if (cached && cached.until > now && this.revocations.live) return cached.apiKey;
    // Requests with a key already being looked up share that lookup (and its token).
    const pending = this.inFlight.get(presented);
    if (pending) return pending;
    const digest = createHash('sha256').update(presented).digest('base64url');
    // A key verified here lately is looked up without asking the failure limit, so someone
    // failing from the same address (a shared NAT, say) cannot lock its owner out.
    const known = (this.trusted.get(digest) ?? 0) > now;
    if (!known) {
      // A lookup is paid for with a failure token up front (so concurrent guesses cannot all
      // slip past the check), and the token is given back when the key turns out good.
      const wait = this.failures.take(client, now);
      if (wait > 0) {
        context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(wait));
        throw new HttpException(
          `too many failed authentications from this address; retry in ${wait}s`,
          HttpStatus.TOO_MANY_REQUESTS,
        );
      }
    }
    const refusedUntil = this.refused.get(digest);
    // A revocation heard while the lookup runs makes its answer too old to cache.
    const generation = this.generation;
    const apiKey =
      refusedUntil !== undefined && refusedUntil > now
        ? null
        : await this.lookUp(presented).catch((error: unknown) => {
            if (!known) this.failures.refund(client);
            throw error;
          });
    if (apiKey) {
      if (!known) this.failures.refund(client);
      if (this.trusted.size >= MAX_CACHED) this.trusted.clear();
      this.trusted.set(digest, now + TRUSTED_MS);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      if (this.revocations.live && generation === this.generation)
        this.cache.set(presented, { apiKey, until: now + CACHE_MS });
      return apiKey;
    }
    this.cache.delete(presented);
    this.trusted.delete(digest);
    if (known) this.failures.spend(client, now);
    // Only what could be a key is remembered (the rest never reaches the database anyway).
    if (parseKey(presented)) {
      if (this.refused.size >= MAX_CACHED) this.refused.clear();
      this.refused.set(digest, now + REFUSED_MS);
    }
    return null;
  }

  private lookUp(presented: string): Promise<ApiKey | null> {
    let lookup = this.inFlight.get(presented);
    if (!lookup) {
      lookup = this.keys.authenticate(presented).finally(() => this.inFlight.delete(presented));
      this.inFlight.set(presented, lookup);
    }
    return lookup;
  }
}

function presentedKey(request: Request): string | null {
  const authorization = request.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? match[1] : null;
  }
  return request.header('x-api-key') ?? null;
}
