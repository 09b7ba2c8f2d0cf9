/**
 * Query-string parsing for the read-model routes (unknown or malformed parameters are a 400
 * naming the parameter) and conditional GETs: a weak ETag over the body, 304 on If-None-Match.
 */
import { createHash } from 'node:crypto';
import { BadRequestException } from '@nestjs/common';
import type { TObject } from '@sinclair/typebox';
import type { Request, Response } from 'express';
import { instant, integer, invalid, isoDate, oneOf, plainText, slug } from '@app/domain';
import type { TimeFilter } from '@app/projections';

export class QueryParams {
  private readonly params: Record<string, unknown>;

  constructor(request: Request, allowed: readonly string[]) {
    this.params = request.query as Record<string, unknown>;
    for (const [name, value] of Object.entries(this.params)) {
      if (!allowed.includes(name))
        throw new BadRequestException({
          message:
            allowed.length === 0
              ? `unknown query parameter "${name.slice(0, 100)}" (this endpoint takes none)`
              : `unknown query parameter "${name.slice(0, 100)}" (allowed: ${allowed.join(', ')})`,
          field: name.slice(0, 100),
        });
      if (typeof value !== 'string')
        throw invalid(name, `${name} must be given once, as a plain value`);
    }
  }

  private raw(name: string): string | undefined {
    const value = this.params[name] as string | undefined;
    return value === undefined || value === '' ? undefined : value;
  }

  time(): TimeFilter {
    const asOf = this.date('asOf');
    const knownAt = this.raw('knownAt');
    return {
      ...(asOf ? { asOf } : {}),
      ...(knownAt ? { knownAt: instant(knownAt, 'knownAt') } : {}),
    };
  }

  date(name: string): string | undefined {
    const value = this.raw(name);
    return value === undefined ? undefined : isoDate(value, name);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback?: T): T | undefined {
    const value = this.raw(name);
    return value === undefined ? fallback : oneOf(value, allowed, name);
  }

  /** Values separated by commas, each one of `allowed` (repeats dropped); none → undefined. */
  someOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    return [...new Set(value.split(',').map((one) => oneOf(one.trim(), allowed, name)))];
  }

  slug(name: string): string | undefined {
    const value = this.raw(name);
    return value === undefined ? undefined : slug(value, name);
  }

  text(name: string, max: number): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length > max)
      throw invalid(name, `${name} must be at most ${max} characters`);
    return value === undefined ? undefined : plainText(value, name);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    return value === undefined ? fallback : integer(Number(value), name, min, max);
  }

  limit(fallback: number, max: number): number {
    const value = this.raw('limit');
    return value === undefined ? fallback : integer(Number(value), 'limit', 1, max);
  }
}

export const TIME_PARAMS = ['asOf', 'knownAt'] as const;

/** The parameters a route declared (its schema has already refused any other). */
export const paramsOf = (request: Request, schema: TObject) =>
  new QueryParams(request, Object.keys(schema.properties));

/**
 * Says where the record answered lives when the path named it otherwise (an alias, a merged
 * duplicate): Content-Location with the canonical id in place of the one requested.
 */
export function locate(request: Request, response: Response, requested: string, actorId: string) {
  if (requested === actorId) return;
  const [path, query] = request.originalUrl.split('?');
  const canonical = path.replace(
    `/actors/${encodeURIComponent(requested)}`,
    `/actors/${encodeURIComponent(actorId)}`,
  );
  response.setHeader('Content-Location', query ? `${canonical}?${query}` : canonical);
}

/** Sends `body` with a weak ETag; answers 304 (no body) when the client already has it. */
export function conditional<T>(request: Request, response: Response, body: T): T | undefined {
  const tag = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  response.setHeader('ETag', tag);
  response.setHeader('Cache-Control', 'no-cache');
  const presented = request.header('if-none-match');
  if (presented && presented.split(',').some((t) => t.trim() === tag || t.trim() === '*')) {
    response.status(304);
    return undefined;
  }
  return body;
}
