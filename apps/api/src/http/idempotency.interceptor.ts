import { createHash } from 'node:crypto';
import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UnprocessableEntityException,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '@app/application';

const SECRET_FIELD = 'statement-tracker:secret-field';
/**
 * Routes whose response carries a secret (`field` of the body) that must never be stored: the
 * record keeps the rest, and a retry is a 409 naming what the first request made, because the
 * secret can only be shown once.
 */
export const SecretInResponse = (field: string) => SetMetadata(SECRET_FIELD, field);

const REPLAYED_HEADERS = ['location', 'etag'] as const;

/**
 * `Idempotency-Key` on POST: the first request's response is stored in the same transaction
 * as its events; a retry with the same key and body gets that response (and writes nothing),
 * the same key with another body is a 422, and a concurrent duplicate waits for the first.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { apiKey?: { keyId: string } }>();
    const key = request.header('idempotency-key');
    if (request.method !== 'POST' || key === undefined) return next.handle();
    const secret = this.reflector.getAllAndOverride<string | undefined>(SECRET_FIELD, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new BadRequestException({
        message: 'Idempotency-Key must be 1-200 visible ASCII characters',
        field: 'Idempotency-Key',
      });
    }
    const owner = request.apiKey?.keyId ?? 'anonymous';
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest();
    const response = context.switchToHttp().getResponse<Response>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.once({ owner, key, fingerprint, status, secret }, response, next));
  }

  private async once(
    claim: {
      owner: string;
      key: string;
      fingerprint: Buffer;
      status: number;
      secret: string | undefined;
    },
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const { owner, key, fingerprint, status, secret } = claim;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Concurrent duplicates block here until the first commits (then replay) or rolls back.
      const claimed = await runner.query(
        `INSERT INTO idempotency_records (owner, idempotency_key, fingerprint) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING idempotency_key`,
        [owner, key, fingerprint],
      );
      if (claimed.length === 0) {
        await runner.rollbackTransaction();
        // On this connection: a second one from the pool may not come (the embedded database
        // has one; a burst of duplicates could hold them all).
        return this.replay(runner, owner, key, fingerprint, response, secret);
      }
      const body = await this.unitOfWork.within(runner.manager, () =>
        lastValueFrom(next.handle(), { defaultValue: null }),
      );
      const headers = Object.fromEntries(
        REPLAYED_HEADERS.map((name) => [name, response.getHeader(name)]).filter(
          ([, value]) => value !== undefined,
        ),
      );
      const recorded = secret === undefined ? body : withoutField(body, secret);
      await runner.query(
        `UPDATE idempotency_records SET status = $3, body = $4, headers = $5 WHERE owner = $1 AND idempotency_key = $2`,
        [owner, key, status, JSON.stringify(recorded), JSON.stringify(headers)],
      );
      await runner.commitTransaction();
      this.unitOfWork.committed();
      return body;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async replay(
    db: { query(sql: string, parameters?: unknown[]): Promise<any> },
    owner: string,
    key: string,
    fingerprint: Buffer,
    response: Response,
    secret: string | undefined,
  ): Promise<unknown> {
    const rows = await db.query(
      `SELECT fingerprint, body, headers FROM idempotency_records WHERE owner = $1 AND idempotency_key = $2`,
      [owner, key],
    );
    if (rows.length === 0)
      throw new ConflictException('a request with this Idempotency-Key just failed; send it again');
    if (!(rows[0].fingerprint as Buffer).equals(fingerprint)) {
      throw new UnprocessableEntityException({
        message: 'this Idempotency-Key was used for a different request',
        field: 'Idempotency-Key',
      });
    }
    if (secret !== undefined) {
      const location = (rows[0].headers ?? {}).location as string | undefined;
      throw new ConflictException({
        message: `this Idempotency-Key already made ${location ?? 'its resource'}; its ${secret} was shown once and is not kept (revoke it and create another if it was lost)`,
        field: 'Idempotency-Key',
        created: rows[0].body,
      });
    }
    for (const [name, value] of Object.entries(rows[0].headers ?? {}))
      response.setHeader(name, value as string);
    response.setHeader('Idempotent-Replayed', 'true');
    return rows[0].body;
  }
}

function withoutField(body: unknown, field: string): unknown {
  if (typeof body !== 'object' || body === null) return body;
  return Object.fromEntries(Object.entries(body).filter(([name]) => name !== field));
}
