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
import { allows, ApiKey, ApiKeys, Permission } from '@app/access';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ACCESS } from './access.decorator';
import { RateLimiter } from './rate-limiter';

const CACHE_MS = 5_000;

/** API key authentication, role check and per-key rate limit for every route. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly limiter: RateLimiter;
  // Recently verified keys, so a busy client does not cost a database round trip per request.
  private readonly cache = new Map<string, { apiKey: ApiKey; until: number }>();

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new RateLimiter(config.rateLimitPerMinute);
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
    const apiKey = await this.authenticate(presented);
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

  /** Forget cached keys (after a revocation). */
  forget(): void {
    this.cache.clear();
  }

  private async authenticate(presented: string): Promise<ApiKey | null> {
    const cached = this.cache.get(presented);
    if (cached && cached.until > Date.now()) return cached.apiKey;
    const apiKey = await this.keys.authenticate(presented);
    if (apiKey) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(presented, { apiKey, until: Date.now() + CACHE_MS });
    } else {
      this.cache.delete(presented);
    }
    return apiKey;
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
